/** A bottom sheet asking for a reason before a step people will be told about (cancel, return, suspend). */
import { useState } from 'react'
import { Input, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Sheet } from '../../components/Sheet'
import { errorMessage } from '../../services/api'
import './ReasonSheet.css'
import './StaffItem.css'

interface ReasonSheetProps {
  id: string
  title: string
  /** What will happen, in a sentence (e.g. how many people will be notified). */
  notice: string
  placeholder: string
  confirmLabel: string
  onConfirm: (reason: string) => Promise<void>
  onClose: () => void
}

export function ReasonSheet({ id, title, notice, placeholder, confirmLabel, onConfirm, onClose }: ReasonSheetProps) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const confirm = async () => {
    if (reason.trim().length < 2) {
      setError('请写明原因（至少2个字）')
      return
    }
    setBusy(true)
    setError('')
    try {
      await onConfirm(reason.trim())
    } catch (e) {
      setError(errorMessage(e))
      setBusy(false)
    }
  }
  return (
    <Sheet
      id={id}
      title={title}
      open
      onClose={onClose}
      footer={
        <>
          <Button id={`${id}-back`} size="xlarge" fill="outline" disabled={busy} onClick={onClose}>
            返回
          </Button>
          <Button id={`${id}-confirm`} type="danger" size="xlarge" loading={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <Text className="reason-sheet__notice" id={`${id}-notice`}>
        {notice}
      </Text>
      <Input
        id={`${id}-reason`}
        className="reason-sheet__input"
        placeholder={placeholder}
        maxlength={200}
        value={reason}
        onInput={(e) => setReason(e.detail.value)}
      />
      {error ? (
        <Text className="staff-item__error" id={`${id}-error`}>
          {error}
        </Text>
      ) : null}
    </Sheet>
  )
}
