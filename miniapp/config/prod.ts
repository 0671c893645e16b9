import type { UserConfigExport } from '@tarojs/cli'

/** Production builds: minified, no source maps (they would count against the 2 MB main package). */
export default {
  mini: {
    enableSourceMap: false,
  },
  h5: {
    enableSourceMap: false,
  },
} satisfies UserConfigExport<'webpack5'>
