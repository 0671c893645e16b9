/// <reference types="@tarojs/taro" />

declare module '*.css'
declare module '*.png' {
  const src: string
  export default src
}

/** Set at build time from the TARO_APP_API_BASE env var (config/index.ts); used by the weapp build only. */
declare const TARO_APP_API_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform being built; Taro replaces it at build time, so per-platform branches are dropped. */
    TARO_ENV: 'weapp' | 'h5'
    /** Build-time API origin for weapp; see config/index.ts. */
    TARO_APP_API_BASE?: string
  }
}
