/** A big search box with its own 搜索 button (older people don't always find the keyboard's key). */
import { Input, Text, View } from '@tarojs/components'
import './SearchBar.css'

interface SearchBarProps {
  id: string
  value: string
  placeholder: string
  onInput: (value: string) => void
  onSearch: (value: string) => void
  /** On a coloured background (首页). */
  light?: boolean
}

export function SearchBar({ id, value, placeholder, onInput, onSearch, light }: SearchBarProps) {
  return (
    <View className={`search-bar${light ? ' search-bar--light' : ''}`} id={id}>
      <View className="search-bar__icon" />
      <Input
        id={`${id}-input`}
        className="search-bar__input"
        placeholder={placeholder}
        placeholderClass="search-bar__placeholder"
        confirmType="search"
        maxlength={40}
        value={value}
        onInput={(e) => onInput(e.detail.value)}
        onConfirm={(e) => onSearch(e.detail.value)}
      />
      {value ? (
        <View className="search-bar__clear" id={`${id}-clear`} onClick={() => onSearch('')}>
          <Text className="search-bar__clear-mark">×</Text>
        </View>
      ) : null}
      <View className="search-bar__button" id={`${id}-submit`} onClick={() => onSearch(value)}>
        <Text>搜索</Text>
      </View>
    </View>
  )
}
