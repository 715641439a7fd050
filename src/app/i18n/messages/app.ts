/** UI strings of the app area, English and Simplified Chinese. */
export const app = {
  en: {
  } as Record<string, string>,
  zh: {
  } as Record<string, string>,
};
