import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { isBackendError, messageOf } from '../../services/backend';
import { artworks } from '../../services/artworks';
import { artworkPath } from '../../utils/routes';
import { openPage } from '../../utils/navigate';
import { exhibitionsStore } from '../../stores/exhibitions';

/** Label numbers are short; longer input is a slip of the thumb. */
const MAX_DIGITS = 6;

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'delete', '0', 'confirm'];

type KeyTap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { key?: string }>;

function notFoundMessage(number: string): string {
  return `没有找到编号 ${number} 的作品，请核对展签上的编号`;
}

ComponentWithStore({
  storeBindings: {
    store: exhibitionsStore,
    fields: ['label', 'statusLabel', 'selectedId'] as const,
    actions: [] as const,
  },

  data: {
    keys: KEYS,
    digits: '',
    message: '',
    busy: false,
  },

  methods: {
    // The store keeps a failure in its state; the pad still works on the current exhibition.
    onLoad() {
      void exhibitionsStore.start();
    },

    onChangeExhibition() {
      openPage('/pages/exhibitions/index');
    },

    onKeyTap(event: KeyTap) {
      const key = event.currentTarget.dataset.key ?? '';
      if (this.data.busy) return;
      if (key === 'delete') this.removeDigit();
      // confirm() shows its own failure under the keypad.
      else if (key === 'confirm') void this.confirm();
      else if (/^\d$/.test(key)) this.addDigit(key);
    },

    /** A long press on 删除 clears the whole number. */
    onKeyLongPress(event: KeyTap) {
      if (event.currentTarget.dataset.key === 'delete' && !this.data.busy) {
        this.setData({ digits: '', message: '' });
      }
    },

    addDigit(digit: string) {
      if (this.data.digits.length >= MAX_DIGITS) return;
      this.setData({ digits: this.data.digits + digit, message: '' });
    },

    removeDigit() {
      if (!this.data.digits) return;
      this.setData({ digits: this.data.digits.slice(0, -1), message: '' });
    },

    async confirm() {
      const number = this.data.digits;
      if (!number || this.data.busy) return;
      this.setData({ busy: true, message: '' });
      try {
        const artwork = await artworks.byNumber(number, exhibitionsStore.selectedId || undefined);
        this.setData({ busy: false, digits: '' });
        openPage(artworkPath(artwork.id));
      } catch (error) {
        const unknown =
          isBackendError(error) &&
          (error.code === 'NOT_FOUND' || error.code === 'INVALID_ARGUMENT');
        this.setData({
          busy: false,
          message: unknown ? notFoundMessage(number) : messageOf(error),
        });
      }
    },
  },
});
