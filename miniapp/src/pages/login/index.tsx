import { useCallback, useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { LoginResult } from '@jz/shared'
import { ErrorState, LoadingState } from '../../components/states'
import { devLogin, errorMessage, getAuthOptions, isApiError, type AuthOptions } from '../../services/api'
import { leaveLoginPage } from '../../services/navigation'
import { signInWithWeChat, supportsWeChatLogin } from '../../services/platform-login'
import { acceptLogin } from '../../services/session'
import './index.css'

type OptionsState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; options: AuthOptions }

async function fetchOptions(): Promise<OptionsState> {
  try {
    return { status: 'ready', options: await getAuthOptions({ silent: true }) }
  } catch (e) {
    return { status: 'error', message: errorMessage(e) }
  }
}

export default function LoginPage() {
  const [options, setOptions] = useState<OptionsState>({ status: 'loading' })
  const [busy, setBusy] = useState<'wechat' | 'dev' | null>(null)
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState('')
  const [wechatError, setWechatError] = useState('')

  const loadOptions = useCallback(() => {
    void fetchOptions().then(setOptions)
  }, [])

  useEffect(loadOptions, [loadOptions])

  const finish = (result: LoginResult) => {
    acceptLogin(result)
    void Taro.showToast({ title: '登录成功', icon: 'success', duration: 1200 })
    setTimeout(leaveLoginPage, 600)
  }

  const loginWithWeChat = async () => {
    setWechatError('')
    setBusy('wechat')
    try {
      finish(await signInWithWeChat())
    } catch (e) {
      setWechatError(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  const loginForDevelopment = async () => {
    const trimmed = name.trim()
    if (!trimmed) {
      setNameError('请填写一个名字')
      return
    }
    setNameError('')
    setBusy('dev')
    try {
      finish(await devLogin(trimmed, { silent: true }))
    } catch (e) {
      setNameError(isApiError(e) ? (e.fields?.name ?? e.message) : errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  if (options.status === 'loading') {
    return (
      <View className="page login">
        <LoadingState />
      </View>
    )
  }
  if (options.status === 'error') {
    return (
      <View className="page login">
        <ErrorState message={options.message} onRetry={() => {
            setOptions({ status: 'loading' })
            loadOptions()
          }} />
      </View>
    )
  }

  const { wechatLogin, devLogin: devLoginEnabled } = options.options
  const canUseWeChat = supportsWeChatLogin && wechatLogin

  return (
    <View className="page login" id="login-page">
      <View className="login__intro">
        <Text className="login__title">登录技能照亮前程</Text>
        <Text className="login__text">登录后可以填写个人资料、报名培训、查看证书。</Text>
      </View>

      {canUseWeChat ? (
        <View className="card">
          <Button id="wechat-login" type="primary" size="xlarge" block loading={busy === 'wechat'} onClick={() => void loginWithWeChat()}>
            微信一键登录
          </Button>
          {wechatError ? <Text className="login__error">{wechatError}</Text> : null}
        </View>
      ) : null}

      {devLoginEnabled ? (
        <View className="card login__dev" id="dev-login">
          <View className="login__dev-head">
            <Text className="card__title">开发环境登录</Text>
            <Text className="login__badge">仅供开发测试</Text>
          </View>
          <Text className="card__text">正式环境不会出现这个入口。填一个名字即可登录。</Text>
          <Text className="login__label">名字</Text>
          <Input
            id="dev-login-name"
            className={`login__input${nameError ? ' login__input--invalid' : ''}`}
            placeholder="例如：张三"
            placeholderClass="login__placeholder"
            maxlength={32}
            value={name}
            onInput={(e) => setName(e.detail.value)}
            onConfirm={() => void loginForDevelopment()}
          />
          {nameError ? (
            <Text className="login__error" id="dev-login-error">
              {nameError}
            </Text>
          ) : null}
          <Button
            className="btn-block"
            id="dev-login-submit"
            type="primary"
            size="xlarge"
            block
            loading={busy === 'dev'}
            onClick={() => void loginForDevelopment()}
          >
            登录
          </Button>
        </View>
      ) : null}

      {!canUseWeChat && !devLoginEnabled ? (
        <View className="card" id="login-unavailable">
          {supportsWeChatLogin ? (
            <>
              <Text className="card__title">暂时不能登录</Text>
              <Text className="card__text">登录服务还没有开通，请稍后再试。</Text>
            </>
          ) : (
            <>
              <Text className="card__title">请在微信中打开</Text>
              <Text className="card__text">网页版不能登录。请在微信里搜索「技能照亮前程」小程序，打开后登录。</Text>
            </>
          )}
        </View>
      ) : null}
    </View>
  )
}
