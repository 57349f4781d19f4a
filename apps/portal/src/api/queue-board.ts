import { api, ok } from './http';

export const queueBoardApi = {
  /**
   * The queue dashboard is a page of the API, reached by a full navigation, which carries no
   * bearer token: the token is traded for a short cookie (platform admins only), then the board
   * opens in a tab of its own. The tab opens during the click, while a popup blocker still
   * allows it, and is sent to the board once the cookie is set (closed again if that fails).
   */
  open: async (): Promise<void> => {
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    try {
      const { url } = await ok(api.POST('/api/v1/admin/queue-board/session'));
      if (tab) tab.location.href = url;
      else window.open(url, '_blank', 'noopener');
    } catch (err) {
      tab?.close();
      throw err;
    }
  },
};
