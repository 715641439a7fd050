/**
 * The shell: top bar (model tabs, project menu), palette left, canvas centre, right panel
 * (Inspector | Summary | Train | Export), problems list and status bar below the canvas.
 */
import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas/Canvas';
import { ModelTabs } from './canvas/ModelTabs';
import { Splitter } from './canvas/Splitter';
import { Palette } from './palette/Palette';
import { Inspector } from './inspector/Inspector';
import { SummaryPanel } from './summary/SummaryPanel';
import { ProblemsList } from './summary/ProblemsList';
import { StatusBar } from './summary/StatusBar';
import { HelpDialog } from './shortcuts/HelpDialog';
import { installShortcuts } from './shortcuts/shortcuts';
import { ProjectMenu } from './projects/ProjectMenu';
import { TrainingPanel } from './training/TrainingPanel';
import { IoPanel } from './io/IoPanel';
import { CodeApprovalBanner } from './custom/CodeApprovalBanner';
import { CustomLayerDialog } from './custom/CustomLayerDialog';
import { useEditor, type RightTab } from './store/editor';
import { autoLayout } from './canvas/autoLayout';
import { fitView } from './store/actions';
import { t, useLang } from './i18n';

const TABS: RightTab[] = ['inspector', 'summary', 'train', 'export'];

export function App() {
  useLang();
  const tab = useEditor((s) => s.rightTab);
  useEffect(installShortcuts, []);
  return (
    <ReactFlowProvider>
      <div className="lf-app">
        <header className="lf-top">
          <div className="lf-brand">
            <span className="lf-logo" aria-hidden>◆</span> Layerflow
          </div>
          <ModelTabs />
          <div className="lf-top-tools">
            <button onClick={() => void autoLayout()} title={t('editor.key.layout') + ' (L)'} data-testid="auto-layout">{t('editor.toolbar.layout')}</button>
            <button onClick={fitView} title={t('editor.key.fitView') + ' (F)'}>{t('editor.toolbar.fit')}</button>
            <button onClick={() => useEditor.getState().setHelpOpen(true)} title={t('editor.key.help') + ' (?)'} data-testid="help-button">?</button>
            <ProjectMenu />
          </div>
        </header>
        <Palette />
        <main className="lf-centre">
          <CodeApprovalBanner />
          <Canvas />
          <ProblemsList />
          <StatusBar />
        </main>
        <aside className="lf-right">
          <Splitter />
          <div className="lf-right-tabs" role="tablist">
            {TABS.map((k) => (
              <button key={k} role="tab" aria-selected={tab === k} className={tab === k ? 'active' : undefined} onClick={() => useEditor.getState().setRightTab(k)} data-testid={`tab-${k}`}>
                {t(`app.tab.${k}`)}
              </button>
            ))}
          </div>
          <div className="lf-right-body">
            {tab === 'inspector' && <Inspector />}
            {tab === 'summary' && <SummaryPanel />}
            {tab === 'train' && <TrainingPanel />}
            {tab === 'export' && <IoPanel />}
          </div>
        </aside>
        <HelpDialog />
        <CustomLayerDialog />
      </div>
    </ReactFlowProvider>
  );
}
