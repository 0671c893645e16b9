import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import postcss from 'postcss'
import devConfig from './dev'
import prodConfig from './prod'

/** The shared workspace package is TypeScript source; webpack follows the symlink to its real path, so compile it. */
const SHARED_SRC = path.resolve(__dirname, '../../shared')

/**
 * npm hoists most packages to the root node_modules but keeps a few (e.g. `@tarojs/taro`) in
 * miniapp/node_modules; hoisted packages such as NutUI import them, so look here too.
 */
const APP_MODULES = path.resolve(__dirname, '../node_modules')

/** `@tarojs/router` is installed only under @tarojs/taro-h5, where Taro's H5 entry cannot find it. */
const H5_ROUTER = path.dirname(
  require.resolve('@tarojs/router/package.json', { paths: [path.dirname(require.resolve('@tarojs/taro-h5/package.json'))] }),
)

interface ChainUse {
  get(key: 'loader'): string
  tap(f: (options: Record<string, unknown>) => Record<string, unknown>): unknown
}
interface Chain {
  resolve: {
    modules: { add(p: string): Chain['resolve']['modules'] }
    alias: { set(name: string, target: string): unknown }
    plugin(name: string): { use(p: unknown): unknown }
  }
  module: { rules: { values(): { uses: { values(): ChainUse[] }; oneOfs: { values(): { uses: { values(): ChainUse[] } }[] } }[] } }
}

/**
 * The root node_modules holds postcss 7 (hoisted for miniprogram-simulate), which the hoisted
 * postcss-loader would pick up; hand it our postcss 8 explicitly.
 */
function withPostcss8(chain: Chain) {
  for (const rule of chain.module.rules.values()) {
    const uses = [...rule.uses.values(), ...rule.oneOfs.values().flatMap((o) => o.uses.values())]
    for (const use of uses) {
      if (use.get('loader')?.includes('postcss-loader')) use.tap((options) => ({ ...options, implementation: postcss }))
    }
  }
}

function extendWebpack(chain: Chain) {
  // Setting `modules` replaces webpack's default, so keep the usual lookup first.
  chain.resolve.modules.add('node_modules').add(APP_MODULES)
  chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
  withPostcss8(chain)
}

function extendH5Webpack(chain: Chain) {
  extendWebpack(chain)
  chain.resolve.alias.set('@tarojs/router$', H5_ROUTER)
}

/**
 * Where the weapp build sends API calls. Must be our HTTPS domain, ICP-filed and listed as a
 * request domain (request合法域名) in the mini-program admin console; the placeholder never works.
 */
const API_BASE = process.env.TARO_APP_API_BASE || 'https://api.example.com'

/** Local backend for `npm run dev:h5` (same-origin `/api/...` is proxied there). */
const DEV_API_PROXY = process.env.JZ_DEV_API_PROXY || 'http://127.0.0.1:3000'

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'jineng-zhaoliang-qiancheng',
    date: '2025-11-25',
    // Our styles use a 750-wide design; NutUI's own stylesheets are written for 375.
    designWidth(input) {
      const file = typeof input === 'object' ? (input.file ?? '') : ''
      return file.replace(/\\+/g, '/').includes('@nutui/') ? 375 : 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      TARO_APP_API_BASE: JSON.stringify(API_BASE),
    },
    alias: {
      '@jz/shared': path.join(SHARED_SRC, 'index.ts'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    mini: {
      compile: { include: [SHARED_SRC] },
      // Our class names never collide with NutUI's, so the order pages import stylesheets in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain: extendWebpack,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      compile: { include: [SHARED_SRC] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      devServer: {
        host: '127.0.0.1',
        port: 10086,
        historyApiFallback: true,
        // Matches `hot: false` in babel.config.js (react-refresh is not installed): full reloads.
        hot: false,
        proxy: [{ context: ['/api'], target: DEV_API_PROXY, changeOrigin: true }],
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain: extendH5Webpack,
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
