/** Applies the remembered theme before the app renders, so a light-theme user never sees a dark flash. */
try {
  if (window.localStorage.getItem('firebreak.theme') === 'light') document.documentElement.dataset['theme'] = 'light';
} catch {
  // storage unavailable: stay dark
}
