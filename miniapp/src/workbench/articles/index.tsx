import { useState } from 'react'
import { Input, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ARTICLE_KINDS, ARTICLE_STATUSES, articleInput, districtName, fieldErrors, type Article, type ArticleInput, type ArticleItem, type ArticleKind } from '@jz/shared'
import { ArticleRow } from '../../components/ArticleRow'
import { ChoiceBox, FormField } from '../../components/FormField'
import { PagedList } from '../../components/PagedList'
import { OptionSheet } from '../../components/OptionSheet'
import { Segments } from '../../components/Segments'
import { Sheet } from '../../components/Sheet'
import { NoAccess } from '../../components/states'
import { fieldErrorsOf } from '../../services/api'
import { getArticle, listArticles, moveArticle, saveArticle, type ArticleStatusFilter } from '../../services/articles'
import { usePagedList } from '../../services/paged'
import { DISTRICT_OPTIONS } from '../../services/profileForm'
import { isSubsidyReviewer } from '../../services/staff'
import { useSession } from '../../services/session'
import './index.css'

const FILTERS: { value: ArticleStatusFilter; label: string }[] = [
  { value: 'draft', label: '草稿' },
  { value: 'published', label: '已发布' },
  { value: 'archived', label: '已下架' },
  { value: 'all', label: '全部' },
]
const KIND_OPTIONS = Object.entries(ARTICLE_KINDS).map(([value, label]) => ({ value, label }))
const FIELDS = ['kind', 'title', 'summary', 'body', 'district', 'pinned'] as const
type Field = (typeof FIELDS)[number]

interface Form {
  kind: ArticleKind
  title: string
  summary: string
  body: string
  district: string
  pinned: boolean
}

/** 政策资讯管理: the staff's articles by status; write or edit one, publish it, take it down. */
export default function ArticlesEditorPage() {
  const session = useSession()
  const [status, setStatus] = useState<ArticleStatusFilter>('draft')
  const [tick, setTick] = useState(0)
  const [editing, setEditing] = useState<{ id: string | null; form: Form; status?: Article['status'] } | null>(null)
  useDidShow(() => {
    void session.refresh()
  })
  const user = session.user
  const editor = isSubsidyReviewer(user)
  // A district reviewer writes their own district's articles; admins and city-wide reviewers choose.
  const ownDistrict = user?.roles.find((g) => g.role === 'reviewer' && g.scope)?.scope
  const choosesDistrict = Boolean(user?.roles.some((g) => g.role === 'admin' || (g.role === 'reviewer' && !g.scope)))

  const list = usePagedList(editor ? `${status}:${tick}` : 'none', (cursor) =>
    editor ? listArticles({ status }, { cursor, limit: 20 }, { silent: true }) : Promise.resolve({ items: [], total: 0, nextCursor: null }),
  )
  useReachBottom(() => list.loadMore())

  if (!session.loggedIn || !editor) {
    return <NoAccess title="没有编辑权限" text="政策资讯由区人社工作人员和管理员发布，请联系管理员开通。" />
  }

  const blank = (): Form => ({ kind: 'policy', title: '', summary: '', body: '', district: choosesDistrict ? '' : (ownDistrict ?? ''), pinned: false })
  const open = async (a: ArticleItem) => {
    try {
      const { article } = await getArticle(a.id)
      setEditing({
        id: article.id,
        status: article.status,
        form: { kind: article.kind, title: article.title, summary: article.summary, body: article.body, district: article.district ?? '', pinned: article.pinned },
      })
    } catch {
      // The client has shown the message.
    }
  }
  const done = () => {
    setEditing(null)
    setTick((t) => t + 1)
  }

  return (
    <View className="page" id="articles-editor-page">
      <Button className="btn-block" id="articles-new" type="primary" size="xlarge" block onClick={() => setEditing({ id: null, form: blank() })}>
        写一篇资讯
      </Button>
      <Segments id="articles-status" value={status} options={FILTERS} onChange={setStatus} />
      <PagedList
        list={list}
        id="articles-editor-list"
        className="card"
        empty={{ title: `没有${FILTERS.find((f) => f.value === status)?.label ?? ''}的资讯` }}
        renderItem={(a) => (
          <ArticleRow key={a.id} article={a} onOpen={() => void open(a)}>
            <Text className="articles-editor__status">
              {ARTICLE_STATUSES[a.status]} · 点按编辑 ›
            </Text>
          </ArticleRow>
        )}
      />
      {editing ? (
        <EditorSheet
          key={editing.id ?? 'new'}
          id={editing.id}
          status={editing.status}
          initial={editing.form}
          choosesDistrict={choosesDistrict}
          onClose={() => setEditing(null)}
          onDone={done}
        />
      ) : null}
    </View>
  )
}

function EditorSheet(props: {
  id: string | null
  status?: Article['status']
  initial: Form
  choosesDistrict: boolean
  onClose: () => void
  onDone: () => void
}) {
  const [form, setForm] = useState<Form>(props.initial)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [busy, setBusy] = useState(false)
  const [sheet, setSheet] = useState<'kind' | 'district' | null>(null)
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }))
  const archived = props.status === 'archived'

  const input = () => ({ ...form, district: (form.district || null) as ArticleInput['district'] })
  const check = (): boolean => {
    const parsed = articleInput.safeParse(input())
    setErrors(parsed.success ? {} : (fieldErrors(parsed.error) as Partial<Record<Field, string>>))
    return parsed.success
  }

  const run = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true)
    try {
      await work()
      void Taro.showToast({ title: message, icon: 'success', duration: 1500 })
      props.onDone()
    } catch (e) {
      setErrors(fieldErrorsOf(e, FIELDS))
    } finally {
      setBusy(false)
    }
  }
  const save = (publish: boolean) => {
    if (!check()) return
    void run(async () => {
      const { article } = await saveArticle(props.id, input())
      if (publish) await moveArticle(article.id, 'publish')
    }, publish ? '已发布' : '已保存')
  }

  return (
    <Sheet
      id="article-editor"
      title={props.id ? '编辑资讯' : '写一篇资讯'}
      open
      onClose={props.onClose}
      footer={
        archived ? (
          <Button className="btn-block" id="article-republish" type="primary" size="xlarge" block loading={busy} onClick={() => void run(() => moveArticle(props.id!, 'publish'), '已重新发布')}>
            重新发布
          </Button>
        ) : (
          <View className="articles-editor__actions">
            <Button id="article-save" type="primary" fill="outline" size="large" loading={busy} onClick={() => save(false)}>
              {props.status === 'published' ? '保存修改' : '保存草稿'}
            </Button>
            {props.status !== 'published' ? (
              <Button id="article-publish" type="primary" size="large" loading={busy} onClick={() => save(true)}>
                保存并发布
              </Button>
            ) : (
              <Button id="article-archive" type="danger" size="large" loading={busy} onClick={() => void run(() => moveArticle(props.id!, 'archive'), '已下架')}>
                下架
              </Button>
            )}
          </View>
        )
      }
    >
      {archived ? <Text className="card__text">这篇资讯已下架，重新发布后才能修改。</Text> : null}
      <FormField name="kind" label="类别" error={errors.kind}>
        <ChoiceBox id="article-kind" label={ARTICLE_KINDS[form.kind]} placeholder="选择类别" onOpen={() => setSheet('kind')} />
      </FormField>
      <FormField name="title" label="标题" error={errors.title} hint="4到60个字">
        <Input id="article-title-input" className="field__control" value={form.title} maxlength={60} disabled={archived} onInput={(e) => set({ title: e.detail.value })} />
      </FormField>
      <FormField name="summary" label="摘要" error={errors.summary} hint="列表里显示的一两句话，10到200个字">
        <Textarea id="article-summary-input" className="field__control articles-editor__summary" value={form.summary} maxlength={200} disabled={archived} onInput={(e) => set({ summary: e.detail.value })} />
      </FormField>
      <FormField name="body" label="正文" error={errors.body} hint="纯文字，每段之间空一行">
        <Textarea id="article-body-input" className="field__control articles-editor__body" value={form.body} maxlength={20000} disabled={archived} onInput={(e) => set({ body: e.detail.value })} />
      </FormField>
      <FormField name="district" label="所属区" error={errors.district}>
        {props.choosesDistrict ? (
          <ChoiceBox id="article-district" label={form.district ? districtName(form.district) : '全市'} placeholder="全市" onOpen={() => setSheet('district')} />
        ) : (
          <Text className="card__text">{districtName(form.district) ?? form.district}</Text>
        )}
      </FormField>
      <View className="articles-editor__pin">
        <Text className="card__text">置顶（在首页和列表中排在最前）</Text>
        <Switch id="article-pinned" checked={form.pinned} disabled={archived} onChange={(e) => set({ pinned: e.detail.value })} />
      </View>
      <OptionSheet name="kind" title="选择类别" options={KIND_OPTIONS} value={form.kind} open={sheet === 'kind'} onSelect={(v) => (set({ kind: v as ArticleKind }), setSheet(null))} onClose={() => setSheet(null)} />
      <OptionSheet
        name="article-district"
        title="选择所属区"
        options={[{ value: '', label: '全市' }, ...DISTRICT_OPTIONS]}
        value={form.district}
        open={sheet === 'district'}
        columns={3}
        onSelect={(v) => (set({ district: v }), setSheet(null))}
        onClose={() => setSheet(null)}
      />
    </Sheet>
  )
}
