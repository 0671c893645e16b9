import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Cell } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import type { Profile } from '@jz/shared'
import { ChoiceBox, FormField } from '../../components/FormField'
import { OptionSheet } from '../../components/OptionSheet'
import { ErrorState, LoadingState, SignInRequired } from '../../components/states'
import { errorMessage, fieldErrorsOf, saveProfile } from '../../services/api'
import { useProfile } from '../../services/profile'
import {
  CATEGORY_OPTIONS,
  DISTRICT_OPTIONS,
  EMPTY_PROFILE_FORM,
  HOUSEHOLD_OPTIONS,
  ID_TYPE_OPTIONS,
  PROFILE_FIELDS,
  formFromProfile,
  optionLabel,
  validateProfile,
  validateProfileField,
  type Option,
  type ProfileField,
  type ProfileFieldErrors,
  type ProfileFormValues,
} from '../../services/profileForm'
import { getSessionState, refreshSession, updateSessionUser, useSession } from '../../services/session'
import { openLogin } from '../../services/navigation'
import './index.css'

type ChoiceField = 'idType' | 'category' | 'district' | 'householdType'

const CHOICES: Record<ChoiceField, { title: string; placeholder: string; options: Option[]; columns: 1 | 3 }> = {
  idType: { title: '选择证件类型', placeholder: '请选择证件类型', options: ID_TYPE_OPTIONS, columns: 1 },
  category: { title: '选择人员类别', placeholder: '请选择人员类别', options: CATEGORY_OPTIONS, columns: 1 },
  district: { title: '选择所在区', placeholder: '请选择所在区', options: DISTRICT_OPTIONS, columns: 3 },
  householdType: { title: '选择户籍类型', placeholder: '请选择户籍类型', options: HOUSEHOLD_OPTIONS, columns: 1 },
}

function ProfileSummary({ profile, onEdit }: { profile: Profile; onEdit: () => void }) {
  return (
    <View id="profile-summary">
      <View className="profile__saved">
        <Text className="profile__saved-text">资料已保存。证件号码和手机号只显示部分数字，保护您的隐私。</Text>
      </View>
      <Cell.Group className="info-cells">
        <Cell title="真实姓名" extra={<Text id="profile-real-name">{profile.realName}</Text>} />
        <Cell title="证件类型" extra={optionLabel(ID_TYPE_OPTIONS, profile.idType)} />
        <Cell title="证件号码" extra={<Text id="profile-id-masked">{profile.idNumberMasked}</Text>} />
        <Cell title="手机号" extra={<Text id="profile-mobile-masked">{profile.mobileMasked}</Text>} />
        <Cell title="人员类别" extra={optionLabel(CATEGORY_OPTIONS, profile.category)} />
        <Cell title="所在区" extra={optionLabel(DISTRICT_OPTIONS, profile.district) ?? profile.district} />
        <Cell title="户籍类型" extra={optionLabel(HOUSEHOLD_OPTIONS, profile.householdType)} />
      </Cell.Group>
      <Button className="btn-block" id="profile-edit" type="primary" fill="outline" size="xlarge" block onClick={onEdit}>
        修改
      </Button>
    </View>
  )
}

export default function ProfilePage() {
  const session = useSession()
  const profile = useProfile()
  const [editing, setEditing] = useState(false)
  const [values, setValues] = useState<ProfileFormValues>(EMPTY_PROFILE_FORM)
  const [touched, setTouched] = useState<Partial<Record<ProfileField, boolean>>>({})
  const [errors, setErrors] = useState<ProfileFieldErrors>({})
  const [serverErrors, setServerErrors] = useState<ProfileFieldErrors>({})
  const [formError, setFormError] = useState('')
  const [saving, setSaving] = useState(false)
  const [openChoice, setOpenChoice] = useState<ChoiceField | null>(null)

  const reload = () =>
    refreshSession().then(() => {
      if (getSessionState().status === 'signedIn') void profile.load()
    })
  // Also after coming back from the login page.
  useDidShow(() => {
    void reload()
  })

  const startEditing = (from: Profile | null) => {
    setValues(from ? formFromProfile(from) : EMPTY_PROFILE_FORM)
    setTouched({})
    setErrors({})
    setServerErrors({})
    setFormError('')
    setEditing(true)
  }

  /** Re-checks the given fields of `next` and keeps the messages of the others. */
  const recheck = (next: ProfileFormValues, fields: ProfileField[]) => {
    setErrors((prev) => {
      const out = { ...prev }
      for (const f of fields) out[f] = validateProfileField(next, f)
      return out
    })
  }

  const change = (field: ProfileField, value: string) => {
    const next = { ...values, [field]: value }
    setValues(next)
    setServerErrors((prev) => ({ ...prev, [field]: undefined }))
    // Once a message is showing, let it disappear as soon as the field is right.
    if (touched[field]) recheck(next, field === 'idType' ? ['idType', 'idNumber'] : [field])
  }

  const blur = (field: ProfileField) => {
    setTouched((prev) => ({ ...prev, [field]: true }))
    recheck(values, [field])
  }

  const choose = (field: ChoiceField, value: string) => {
    const next = { ...values, [field]: value }
    setValues(next)
    setOpenChoice(null)
    setServerErrors((prev) => ({ ...prev, [field]: undefined }))
    setTouched((prev) => ({ ...prev, [field]: true }))
    recheck(next, field === 'idType' && touched.idNumber ? ['idType', 'idNumber'] : [field])
  }

  const submit = async () => {
    setFormError('')
    const checked = validateProfile(values)
    if (!checked.ok) {
      setTouched(Object.fromEntries(PROFILE_FIELDS.map((f) => [f, true])))
      setErrors(checked.errors)
      const first = PROFILE_FIELDS.find((f) => checked.errors[f])
      void Taro.showToast({ title: '请按红字提示修改', icon: 'none', duration: 2000 })
      if (first) void Taro.pageScrollTo({ selector: `#field-${first}`, duration: 200 }).catch(() => undefined)
      return
    }
    setSaving(true)
    try {
      const { profile: saved } = await saveProfile(checked.input, { silent: true })
      profile.replace(saved)
      updateSessionUser({ hasProfile: true })
      // The full ID number and phone leave memory once saved; only masked values are shown.
      setValues(EMPTY_PROFILE_FORM)
      setEditing(false)
      void Taro.showToast({ title: '保存成功', icon: 'success', duration: 1500 })
    } catch (e) {
      setServerErrors(fieldErrorsOf(e, PROFILE_FIELDS))
      setFormError(errorMessage(e))
      void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 2500 })
    } finally {
      setSaving(false)
    }
  }

  if (session.status === 'signedOut') {
    return <SignInRequired text="登录后才能填写和查看您的资料。" id="profile-login" onLogin={openLogin} />
  }
  if (session.status === 'error' && !session.user) {
    return (
      <View className="page">
        <ErrorState message={session.error?.message ?? '请稍后再试'} onRetry={() => void reload()} />
      </View>
    )
  }
  if (profile.status === 'idle' || profile.status === 'loading') {
    return (
      <View className="page">
        <LoadingState text="正在读取资料…" />
      </View>
    )
  }
  if (profile.status === 'error') {
    return (
      <View className="page">
        <ErrorState message={profile.error} onRetry={() => void profile.load()} />
      </View>
    )
  }

  const saved = profile.profile
  if (saved && !editing) {
    return (
      <View className="page profile" id="profile-page">
        <ProfileSummary profile={saved} onEdit={() => startEditing(saved)} />
      </View>
    )
  }

  const messageFor = (f: ProfileField) => serverErrors[f] ?? (touched[f] ? errors[f] : undefined)
  const choiceBox = (f: ChoiceField) => (
    <ChoiceBox id={`picker-${f}`} label={optionLabel(CHOICES[f].options, values[f])} placeholder={CHOICES[f].placeholder} onOpen={() => setOpenChoice(f)} />
  )
  const isResident = values.idType === 'resident'

  return (
    <View className="page profile" id="profile-page">
      <View className="profile__intro">
        <Text className="profile__intro-text">
          {saved ? '修改资料时，请重新输入完整的证件号码和手机号。' : '请如实填写，报名培训和申请补贴都会用到这些信息。'}
        </Text>
      </View>

      <View className="card profile__form" id="profile-form">
        <FormField name="realName" label="真实姓名" error={messageFor('realName')}>
          <Input
            id="input-realName"
            className="field__control field__input"
            placeholder="与证件上的姓名一致"
            placeholderClass="field__input-placeholder"
            maxlength={30}
            value={values.realName}
            onInput={(e) => change('realName', e.detail.value)}
            onBlur={() => blur('realName')}
          />
        </FormField>

        <FormField name="idType" label="证件类型" error={messageFor('idType')}>
          {choiceBox('idType')}
        </FormField>

        <FormField
          name="idNumber"
          label="证件号码"
          error={messageFor('idNumber')}
          hint={saved ? `原号码 ${saved.idNumberMasked}，请重新输入完整号码` : undefined}
        >
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

        <FormField name="mobile" label="手机号" error={messageFor('mobile')} hint={saved ? `原号码 ${saved.mobileMasked}，请重新输入` : undefined}>
          <Input
            id="input-mobile"
            className="field__control field__input"
            type="number"
            placeholder="11位手机号"
            placeholderClass="field__input-placeholder"
            maxlength={11}
            value={values.mobile}
            onInput={(e) => change('mobile', e.detail.value)}
            onBlur={() => blur('mobile')}
          />
        </FormField>

        <FormField name="category" label="人员类别" error={messageFor('category')}>
          {choiceBox('category')}
        </FormField>

        <FormField name="district" label="所在区" error={messageFor('district')}>
          {choiceBox('district')}
        </FormField>

        <FormField name="householdType" label="户籍类型" error={messageFor('householdType')}>
          {choiceBox('householdType')}
        </FormField>

        {formError ? (
          <Text className="profile__form-error" id="profile-form-error">
            {formError}
          </Text>
        ) : null}

        <Button className="btn-block" id="profile-submit" type="primary" size="xlarge" block loading={saving} onClick={() => void submit()}>
          {saving ? '正在保存…' : '保存'}
        </Button>
        {saved ? (
          <Button className="btn-block" id="profile-cancel" size="xlarge" block disabled={saving} onClick={() => setEditing(false)}>
            取消修改
          </Button>
        ) : null}
      </View>

      {openChoice ? (
        <OptionSheet
          name={openChoice}
          title={CHOICES[openChoice].title}
          options={CHOICES[openChoice].options}
          columns={CHOICES[openChoice].columns}
          value={values[openChoice]}
          open
          onSelect={(v) => choose(openChoice, v)}
          onClose={() => {
            setOpenChoice(null)
            blur(openChoice)
          }}
        />
      ) : null}
    </View>
  )
}
