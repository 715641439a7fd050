/** UI strings of the projects area, English and Simplified Chinese. */
export const projects = {
  en: {
  } as Record<string, string>,
  zh: {
  } as Record<string, string>,
};
