/** Save a blob as a file through the browser's download. */
export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: the download reads the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
