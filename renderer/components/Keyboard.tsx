import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type InputMethod, type KeyboardLayout, OnScreenKeyboard } from '../keyboard';
import '../keyboard/keyboard.css';

/** The on-screen keyboard with translated labels (keys, tones, input methods); the input method choice lasts for the session. */
export function Keyboard({
  layout,
  value,
  onChange,
  onDone,
}: {
  layout: KeyboardLayout;
  value: string;
  onChange(v: string): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<InputMethod>(
    () => (sessionStorage.getItem('kiosk.inputMethod') as InputMethod) ?? 'telex',
  );
  return (
    <OnScreenKeyboard
      layout={layout}
      value={value}
      onChange={onChange}
      onDone={onDone}
      method={method}
      onMethodChange={(m) => {
        sessionStorage.setItem('kiosk.inputMethod', m);
        setMethod(m);
      }}
      labels={{
        done: t('keyboard.done'),
        space: t('keyboard.space'),
        backspace: t('keyboard.backspace'),
        shift: t('keyboard.shift'),
        keyboard: t('keyboard.name'),
        method: t('keyboard.method'),
        methodNames: { telex: 'Telex', vni: 'VNI', off: t('keyboard.plain') },
        tones: {
          sac: t('keyboard.tones.sac', { ns: 'ux' }),
          huyen: t('keyboard.tones.huyen', { ns: 'ux' }),
          hoi: t('keyboard.tones.hoi', { ns: 'ux' }),
          nga: t('keyboard.tones.nga', { ns: 'ux' }),
          nang: t('keyboard.tones.nang', { ns: 'ux' }),
        },
      }}
      extraKeys={layout === 'numeric' ? ['/'] : undefined}
    />
  );
}
