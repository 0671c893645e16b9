import type { UserConfigExport } from '@tarojs/cli'

/** Watch builds: readable output with source maps (never measured, never shipped). */
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
