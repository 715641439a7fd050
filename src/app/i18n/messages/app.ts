/** UI strings of the app area, English and Simplified Chinese. */
export const app = {
  en: {
    'app.tab.inspector': 'Inspector',
    'app.tab.summary': 'Summary',
    'app.tab.train': 'Train',
    'app.tab.export': 'Export',
  } as Record<string, string>,
  zh: {
    'app.tab.inspector': '属性',
    'app.tab.summary': '摘要',
    'app.tab.train': '训练',
    'app.tab.export': '导出',
  } as Record<string, string>,
};
