/**
 * The signed-in token lives in sessionStorage: it is gone when the tab closes, and it is never
 * written into the page or a URL.
 */
const KEY = 'labour-stations.token';

export const session = {
  token: () => sessionStorage.getItem(KEY),
  signIn: (token) => sessionStorage.setItem(KEY, token),
  signOut: () => sessionStorage.removeItem(KEY),
};
