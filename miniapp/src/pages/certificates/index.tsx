import { useCallback, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { OwnCertificate, PublicCertificate } from '@jz/shared'
import { CertificateCard } from '../../components/CertificateCard'
import { ChoiceBox, FormField } from '../../components/FormField'
import { OptionSheet } from '../../components/OptionSheet'
import { Segments } from '../../components/Segments'
import { EmptyState, ErrorState, LoadingState } from '../../components/states'
import { errorMessage, isApiError, listMyCertificates, lookupCertificates } from '../../services/api'
import {
  EMPTY_LOOKUP,
  lookupQuery,
  validateLookup,
  type LookupErrors,
  type LookupField,
  type LookupMode,
  type LookupValues,
} from '../../services/certificate'
import { openCertificate, openLogin, openPage } from '../../services/navigation'
import { ID_TYPE_OPTIONS, optionLabel } from '../../services/profileForm'
import { getSessionState, refreshSession, useSession } from '../../services/session'
import './index.css'

const MODES = [
  { value: 'number', label: '按证书编号' },
  { value: 'id', label: '按证件号码' },
] as const

type Mine = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: OwnCertificate[] }

/** 证书: look any certificate up (no sign-in needed), and 我的证书 for the signed-in holder. */
export default function CertificatesPage() {
  const session = useSession()
  const [mine, setMine] = useState<Mine>({ status: 'loading' })

  const loadMine = useCallback(async () => {
    await refreshSession()
    const now = getSessionState()
    if (now.status === 'error') setMine({ status: 'error', message: errorMessage(now.error) })
    if (now.status !== 'signedIn') return
    try {
      const { items } = await listMyCertificates({ silent: true, loginOn401: false })
      setMine({ status: 'ready', items })
    } catch (e) {
      setMine((prev) => (prev.status === 'ready' ? prev : { status: 'error', message: errorMessage(e) }))
    }
  }, [])

  useDidShow(() => {
    void loadMine()
  })
  usePullDownRefresh(() => {
    void loadMine().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className="page certs" id="certificates-page">
      <Text className="section-title">我的证书</Text>
      {session.status === 'signedOut' ? (
        <View className="card">
          <EmptyState title="登录后查看我的证书" text="您通过技能评价获得的证书会显示在这里。">
            <Button className="btn-block" id="certificates-login" type="primary" size="xlarge" block onClick={openLogin}>
              登录
            </Button>
          </EmptyState>
        </View>
      ) : mine.status === 'loading' ? (
        <LoadingState text="正在读取我的证书…" />
      ) : mine.status === 'error' ? (
        <ErrorState message={mine.message} onRetry={() => void loadMine()} />
      ) : mine.items.length === 0 ? (
        <View className="card" id="my-certificates-empty">
          <EmptyState title="还没有证书" text="参加培训并通过技能评价后，您的证书会显示在这里。" />
        </View>
      ) : (
        <View id="my-certificates">
          {mine.items.map((c) => (
            <CertificateCard key={c.id} certificate={c} id={`my-certificate-${c.id}`} onOpen={() => openCertificate(c.id)} />
          ))}
        </View>
      )}

      <Text className="section-title">查询证书</Text>
      <LookupForm />

      <View className="card certs__eval" id="certificates-evaluations" onClick={() => openPage('evaluations')}>
        <Text className="card__title">参加技能评价</Text>
        <Text className="card__text">通过技能评价就能拿到证书。查看近期评价场次并报名 ›</Text>
      </View>
    </View>
  )
}

type Results = { status: 'idle' } | { status: 'ready'; items: PublicCertificate[] }

function LookupForm() {
  const [mode, setMode] = useState<LookupMode>('number')
  const [values, setValues] = useState<LookupValues>(EMPTY_LOOKUP)
  const [errors, setErrors] = useState<LookupErrors>({})
  const [touched, setTouched] = useState<Partial<Record<LookupField, boolean>>>({})
  const [idTypeOpen, setIdTypeOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState('')
  const [results, setResults] = useState<Results>({ status: 'idle' })

  const recheck = (next: LookupValues, nextTouched: typeof touched, m: LookupMode = mode) => {
    const all = validateLookup(m, next)
    const shown: LookupErrors = {}
    for (const [f, message] of Object.entries(all) as [LookupField, string][]) if (nextTouched[f]) shown[f] = message
    setErrors(shown)
  }
  const change = (field: LookupField, value: string) => {
    const next = { ...values, [field]: value }
    setValues(next)
    // Once a field has shown a problem, say as soon as it is fixed.
    if (touched[field]) recheck(next, touched)
  }
  const blur = (field: LookupField) => {
    const nextTouched = { ...touched, [field]: true }
    setTouched(nextTouched)
    recheck(values, nextTouched)
  }
  const switchMode = (m: LookupMode) => {
    setMode(m)
    setErrors({})
    setTouched({})
    setFormError('')
    setResults({ status: 'idle' })
  }

  const submit = async () => {
    const all = validateLookup(mode, values)
    setTouched({ certificateNo: true, idType: true, idNumber: true, name: true })
    setErrors(all)
    setFormError('')
    if (Object.keys(all).length > 0) return
    setBusy(true)
    try {
      const { items } = await lookupCertificates(lookupQuery(mode, values), { silent: true })
      setResults({ status: 'ready', items })
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(e.fields as LookupErrors)
      setFormError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const isResident = values.idType === 'resident'
  return (
    <>
      <View className="card certs__form" id="lookup-form">
        <Segments id="lookup-mode" value={mode} options={MODES} onChange={switchMode} />
        {mode === 'number' ? (
          <FormField name="certificateNo" label="证书编号" error={errors.certificateNo} hint="证书上印的编号，如 S000111000001264000001">
            <Input
              id="input-certificateNo"
              className="field__control field__input"
              placeholder="请输入证书编号"
              placeholderClass="field__input-placeholder"
              maxlength={40}
              value={values.certificateNo}
              onInput={(e) => change('certificateNo', e.detail.value)}
              onBlur={() => blur('certificateNo')}
            />
          </FormField>
        ) : (
          <>
            <FormField name="idType" label="证件类型" error={errors.idType}>
              <ChoiceBox
                id="picker-idType"
                label={optionLabel(ID_TYPE_OPTIONS, values.idType)}
                placeholder="请选择证件类型"
                onOpen={() => setIdTypeOpen(true)}
              />
            </FormField>
            <FormField name="idNumber" label="证件号码" error={errors.idNumber}>
              <Input
                id="input-idNumber"
                className="field__control field__input"
                type={isResident ? 'idcard' : 'text'}
                placeholder={isResident ? '18位身份证号' : '请输入证件号码'}
                placeholderClass="field__input-placeholder"
                maxlength={isResident ? 18 : 32}
                value={values.idNumber}
                onInput={(e) => change('idNumber', e.detail.value)}
                onBlur={() => blur('idNumber')}
              />
            </FormField>
          </>
        )}
        <FormField name="name" label="持证人姓名" error={errors.name}>
          <Input
            id="input-name"
            className="field__control field__input"
            placeholder="与证书上的姓名一致"
            placeholderClass="field__input-placeholder"
            maxlength={30}
            value={values.name}
            onInput={(e) => change('name', e.detail.value)}
            onBlur={() => blur('name')}
          />
        </FormField>
        {formError ? (
          <Text className="certs__form-error" id="lookup-error">
            {formError}
          </Text>
        ) : null}
        <Button className="btn-block" id="lookup-submit" type="primary" size="xlarge" block loading={busy} onClick={() => void submit()}>
          {busy ? '正在查询…' : '查询'}
        </Button>
      </View>

      {results.status === 'ready' ? (
        results.items.length === 0 ? (
          <View className="card" id="lookup-empty">
            <EmptyState title="没有查到证书" text="请核对证书编号（或证件号码）和姓名是否与证书上的一致。" />
          </View>
        ) : (
          <View id="lookup-results">
            <Text className="certs__count" id="lookup-count">
              查到 {results.items.length} 张证书
            </Text>
            {results.items.map((c) => (
              <CertificateCard key={c.certificateNo} certificate={c} id={`lookup-${c.certificateNo}`} />
            ))}
          </View>
        )
      ) : null}

      <OptionSheet
        name="idType"
        title="选择证件类型"
        options={ID_TYPE_OPTIONS}
        value={values.idType}
        open={idTypeOpen}
        onSelect={(v) => {
          change('idType', v)
          setIdTypeOpen(false)
        }}
        onClose={() => setIdTypeOpen(false)}
      />
    </>
  )
}
