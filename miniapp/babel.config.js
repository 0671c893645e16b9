// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      // No react-refresh installed: dev:h5 reloads the page instead of hot-swapping components.
      hot: false,
    }],
  ],
}
