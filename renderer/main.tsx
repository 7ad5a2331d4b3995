import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { chooseTransport } from './api/choose-transport';
import type { ConnectionState } from './api/ws-client';
import { initI18n } from './i18n';
import { lockDownPage } from './lockdown';
import './styles/global.css';

initI18n('vi');
lockDownPage();

let connection: ConnectionState = 'connecting';
const listeners = new Set<() => void>();
const { api } = chooseTransport((s) => {
  connection = s;
  for (const l of listeners) l();
});
const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

function Root() {
  const state = useSyncExternalStore(subscribe, () => connection);
  return <App api={api} connection={state} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
