import { useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { bankAccountProblem, normalizeBankAccount } from '@jz/shared'
import type { SubsidyApplication } from '@jz/shared'
import { FormField } from '../../components/FormField'
import { ErrorState, LoadingState } from '../../components/states'
import { applyForSubsidy, checkSubsidy, errorMessage, getCertificate, isApiError } from '../../services/api'
import { levelText, occupationText } from '../../services/certificate'
import { newIdempotencyKey } from '../../services/enrollment'
import { formatNumber } from '../../services/format'
import { useLoad } from '../../services/load'
import { PAGES } from '../../services/navigation'
import { offerSubscription } from '../../services/subscribe'
import './index.css'

type Step = 'check' | 'bank' | 'confirm' | 'done'

/** Groups of four, as printed on the card: easier to compare digit by digit. */
const groupDigits = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ')

/** 申请补贴: 预检 (each rule with its sentence) → 社保卡金融账户 → 确认 → 已提交. */
export default function SubsidyApplyPage() {
  const certificateId = useRouter().params.certificateId ?? ''
  const [step, setStep] = useState<Step>('check')
  const [noPension, setNoPension] = useState(false)
  const [account, setAccount] = useState('')
  const [accountTouched, setAccountTouched] = useState(false)
  const [busy, setBusy] = useState(false)
  const [submitError, setSubmitError] = useState('')
  const [application, setApplication] = useState<SubsidyApplication | null>(null)
  const key = useRef<string | null>(null)

  const certificate = useLoad(certificateId || null, () => getCertificate(certificateId, { silent: true }))
  const check = useLoad(certificateId ? `${certificateId}:${noPension}` : null, () =>
    checkSubsidy({ certificateId, drawsPension: noPension ? false : undefined }, { silent: true }),
  )

  const accountDigits = normalizeBankAccount(account)
  const accountError = accountTouched ? (bankAccountProblem(account) ?? undefined) : undefined

  const submit = async () => {
    setBusy(true)
    setSubmitError('')
    key.current ??= newIdempotencyKey()
    try {
      const result = await applyForSubsidy({ certificateId, bankAccount: accountDigits }, key.current, { silent: true })
      setApplication(result.application)
      setStep('done')
      void offerSubscription('subsidyApplied')
    } catch (e) {
      // A refusal is final for this attempt; only a lost answer is retried with the same key.
      if (!isApiError(e) || e.status !== 0) key.current = null
      setSubmitError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (!certificateId) {
    return (
      <View className="page">
        <ErrorState message="没有指明用哪张证书申请补贴" />
      </View>
    )
  }
  if (certificate.status === 'loading') {
    return (
      <View className="page">
        <LoadingState />
      </View>
    )
  }
  if (certificate.status === 'error') {
    return (
      <View className="page">
        <ErrorState message={certificate.message} onRetry={certificate.reload} />
      </View>
    )
  }
  const cert = certificate.data.certificate
  const head = (
    <View className="card subsidy__cert">
      <Text className="subsidy__cert-title">{occupationText(cert)}</Text>
      <Text className="subsidy__line">
        {levelText(cert)} · 证书编号 {cert.certificateNo}
      </Text>
    </View>
  )

  if (step === 'done' && application) {
    return (
      <View className="page subsidy" id="subsidy-done">
        <View className="card subsidy__done">
          <Text className="subsidy__done-mark">✓</Text>
          <Text className="subsidy__done-title">申请已提交</Text>
          <Text className="subsidy__line">
            补贴金额 {formatNumber(application.amount)} 元，将发到社保卡金融账户 {application.bankAccountMasked}。
          </Text>
          <Text className="subsidy__line">区人力社保部门审核后会更新进度，请留意“我的补贴”。</Text>
        </View>
        <Button className="btn-block" id="subsidy-progress" type="primary" size="xlarge" block onClick={() => void Taro.redirectTo({ url: PAGES.subsidies })}>
          查看审核进度
        </Button>
      </View>
    )
  }

  if (step === 'bank' || step === 'confirm') {
    const amount = check.status === 'ready' ? check.data.amount : 0
    return (
      <View className="page subsidy" id={`subsidy-${step}`}>
        {head}
        {step === 'bank' ? (
          <View className="card">
            <FormField name="bankAccount" label="社保卡金融账户" error={accountError} hint="社保卡正面的银行卡号，16到19位数字">
              <Input
                id="input-bankAccount"
                className="field__control field__input"
                type="number"
                placeholder="请输入社保卡上的银行卡号"
                placeholderClass="field__input-placeholder"
                maxlength={19}
                value={account}
                onInput={(e) => setAccount(e.detail.value)}
                onBlur={() => setAccountTouched(true)}
              />
            </FormField>
            <View className="subsidy__actions">
              <Button id="subsidy-back" size="xlarge" fill="outline" onClick={() => setStep('check')}>
                上一步
              </Button>
              <Button
                id="subsidy-bank-next"
                type="primary"
                size="xlarge"
                onClick={() => {
                  setAccountTouched(true)
                  if (!bankAccountProblem(account)) setStep('confirm')
                }}
              >
                下一步
              </Button>
            </View>
          </View>
        ) : (
          <View className="card">
            <Text className="card__title">请核对申请信息</Text>
            <View className="subsidy__confirm-row">
              <Text className="subsidy__confirm-label">补贴金额</Text>
              <Text className="subsidy__confirm-value subsidy__amount">{formatNumber(amount)} 元</Text>
            </View>
            <View className="subsidy__confirm-row">
              <Text className="subsidy__confirm-label">收款账户</Text>
              <Text className="subsidy__confirm-value" id="subsidy-confirm-account">
                {groupDigits(accountDigits)}
              </Text>
            </View>
            <Text className="subsidy__pledge">
              我承诺：没有按月领取养老金；这张证书没有领过其他培训补贴；以上信息真实，如有不实愿退回补贴。
            </Text>
            {submitError ? (
              <Text className="subsidy__error" id="subsidy-error">
                {submitError}
              </Text>
            ) : null}
            <View className="subsidy__actions">
              <Button id="subsidy-back" size="xlarge" fill="outline" disabled={busy} onClick={() => setStep('bank')}>
                修改
              </Button>
              <Button id="subsidy-submit" type="primary" size="xlarge" loading={busy} onClick={() => void submit()}>
                {busy ? '正在提交…' : '同意并提交'}
              </Button>
            </View>
          </View>
        )}
      </View>
    )
  }

  return (
    <View className="page subsidy" id="subsidy-check">
      {head}
      <View className="card">
        <Text className="card__title">能不能申请？</Text>
        {check.status === 'loading' ? (
          <LoadingState text="正在核对条件…" />
        ) : check.status === 'error' ? (
          <ErrorState message={check.message} onRetry={check.reload} />
        ) : (
          <>
            <View id="subsidy-rules">
              {check.data.rules.map((r) => (
                <View key={r.rule} className={`subsidy__rule subsidy__rule--${r.passed ? 'pass' : 'fail'}`} id={`subsidy-rule-${r.rule}`}>
                  <Text className="subsidy__rule-mark">{r.passed ? '✓' : '✗'}</Text>
                  <Text className="subsidy__rule-text">{r.explanation}</Text>
                </View>
              ))}
            </View>
            <View className={`subsidy__declare${noPension ? ' subsidy__declare--on' : ''}`} id="subsidy-no-pension" onClick={() => setNoPension(!noPension)}>
              <View className="subsidy__box">{noPension ? <Text>✓</Text> : null}</View>
              <Text className="subsidy__declare-text">我没有按月领取养老金</Text>
            </View>
            <View className={`subsidy__verdict subsidy__verdict--${check.data.eligible ? 'yes' : 'no'}`} id="subsidy-verdict">
              <Text>
                {check.data.eligible ? `可以申请，补贴 ${formatNumber(check.data.amount)} 元` : '暂时不能申请，请看上面打✗的条件'}
              </Text>
            </View>
            <Button className="btn-block" id="subsidy-check-next" type="primary" size="xlarge" block disabled={!check.data.eligible} onClick={() => setStep('bank')}>
              下一步：填写收款账户
            </Button>
          </>
        )}
      </View>
    </View>
  )
}
