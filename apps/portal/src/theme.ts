import type { ThemeConfig } from 'antd';

/**
 * The portal's theme. AntD's defaults draw secondary text at 45 % black (3.4:1 on white) and the
 * light tags' text in the 7th shade of each palette (green, orange, gold, cyan … 2–3.4:1 on their
 * own background): both below WCAG AA's 4.5:1, which axe reports as serious. Secondary text goes
 * to 60 % black (5.7:1) and each failing tag colour one or two shades darker (≥ 5:1); links and
 * danger text take the brand blue and a darker red.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d5fb8',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    // Placeholders are read as hints: 55 % black (4.7:1), still lighter than a value.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Links and danger (删除, 停用) default to #1677ff and #ff4d4f: 4.1:1 and 3.3:1 on white.
    colorLink: '#1d5fb8',
    colorError: '#cf1322',
  },
  components: {
    // An empty table says so in the disabled grey (1.8:1).
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
    Tag: {
      green7: '#237804',
      orange7: '#ad4e00',
      gold7: '#874d00',
      yellow7: '#876800',
      lime7: '#3f6600',
      cyan7: '#006d75',
      volcano7: '#ad2102',
      // The status tags (success / warning / error / processing) draw their text in these.
      colorSuccess: '#237804',
      colorWarning: '#ad4e00',
      colorError: '#a8071a',
      colorInfo: '#0958d9',
    },
  },
};
