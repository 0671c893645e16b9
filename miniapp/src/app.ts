import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { refreshSession } from './services/session'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void refreshSession()
  })
  // children is the page being shown
  return children
}

export default App
