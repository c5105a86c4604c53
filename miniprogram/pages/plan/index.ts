import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { exhibitionsStore } from '../../stores/exhibitions';
import type { Exhibition } from '../../types/api';
import { openPage } from '../../utils/navigate';
import { artworkPath } from '../../utils/routes';

type Tap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

/** A pin on the plan: placed in percent of the picture, so it stays put at any width. */
export interface PinView {
  artworkId: string;
  number: string;
  left: string;
  top: string;
}

/** The rooms under the plan, each with its works' label numbers, for the visitor who reads lists. */
export interface RoomView {
  room: string;
  numbers: string;
}

export interface PlanView {
  title: string;
  image: string;
  /** Height of the picture in rpx at the page's 686 rpx width. */
  height: number;
  pins: PinView[];
  rooms: RoomView[];
  notice: string;
}

const PLAN_WIDTH_RPX = 686;

export function toPlanView(exhibition: Exhibition | null): PlanView | null {
  const map = exhibition?.map;
  if (!exhibition || !map) return null;
  const numberOf = new Map(exhibition.works.map((work) => [work.artworkId, work.number]));
  const percent = (value: number, of: number) => `${((value / of) * 100).toFixed(2)}%`;
  const rooms = new Map<string, string[]>();
  for (const work of exhibition.works) {
    const room = work.room ?? '其他';
    rooms.set(room, [...(rooms.get(room) ?? []), work.number]);
  }
  return {
    title: `${exhibition.venue} · ${exhibition.title}`,
    image: map.image,
    height: Math.round((PLAN_WIDTH_RPX * map.height) / map.width),
    pins: map.pins.map((pin) => ({
      artworkId: pin.artworkId,
      number: numberOf.get(pin.artworkId) ?? '',
      left: percent(pin.x, map.width),
      top: percent(pin.y, map.height),
    })),
    rooms: [...rooms].map(([room, numbers]) => ({ room, numbers: numbers.join('、') })),
    notice: exhibition.notice ?? '',
  };
}

ComponentWithStore({
  storeBindings: {
    store: exhibitionsStore,
    fields: { plan: () => toPlanView(exhibitionsStore.selected) },
    actions: [] as const,
  },

  methods: {
    // The store keeps a failure in its state; the page then says there is no plan.
    onLoad() {
      void exhibitionsStore.start();
    },

    onPinTap(event: Tap) {
      const id = event.currentTarget.dataset.id;
      if (id) openPage(artworkPath(id));
    },
  },
});
