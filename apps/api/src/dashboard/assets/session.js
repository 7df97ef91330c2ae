/**
 * Who the page signs in as. A person: the session cookie (HttpOnly, the page never sees it) and
 * its CSRF token, kept in memory only (after a reload GET /api/me gives it again). A program or an
 * admin with a token: the bearer token in sessionStorage, gone when the tab closes and never
 * written into the page or a URL.
 */
const KEY = 'labour-stations.token';
let csrfToken = null;

export const session = {
  token: () => sessionStorage.getItem(KEY),
  signIn: (token) => sessionStorage.setItem(KEY, token),
  csrf: () => csrfToken,
  setCsrf: (token) => (csrfToken = token ?? null),
  signOut: () => {
    sessionStorage.removeItem(KEY);
    csrfToken = null;
  },
};
