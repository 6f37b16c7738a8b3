import { Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconChevronDown, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, i18n, LANGUAGES, type Language, rememberLanguage } from '../i18n/i18n';

/** Each language named in itself, so a person finds theirs whatever language the page is in. */
const NATIVE_NAMES: Record<Language, string> = { en: 'English', es: 'Español' };

/** English / Español. Changes the page at once; `onChange` saves the choice where it belongs. */
export function LanguageSwitch(props: { onChange?: (language: Language) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const choose = (next: Language) => {
    if (next === language) return;
    void i18n.changeLanguage(next);
    rememberLanguage(next);
    props.onChange?.(next);
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          size="sm"
          leftSection={<IconLanguage size={18} aria-hidden="true" />}
          rightSection={<IconChevronDown size={14} aria-hidden="true" />}
        >
          <VisuallyHidden>{t('language.label')}: </VisuallyHidden>
          <Text span lang={language} visibleFrom="sm" fw={600} size="sm">
            {NATIVE_NAMES[language]}
          </Text>
          <VisuallyHidden hiddenFrom="sm" lang={language}>
            {NATIVE_NAMES[language]}
          </VisuallyHidden>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {LANGUAGES.map((option) => (
          <Menu.Item
            key={option}
            lang={option}
            onClick={() => choose(option)}
            aria-current={option === language ? 'true' : undefined}
            rightSection={option === language ? <IconCheck size={16} aria-hidden="true" /> : null}
          >
            {NATIVE_NAMES[option]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
