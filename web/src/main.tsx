import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { locale } from './i18n';
import './styles.css';

document.documentElement.lang = locale();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
