/**
 * Entry point. What opens at start-up (a share link, `?template=NAME`, else the last project)
 * is decided by the projects session, which <ProjectMenu/> starts.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { getLang } from './i18n';

document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
