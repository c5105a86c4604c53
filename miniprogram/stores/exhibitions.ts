import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { messageOf } from '../services/backend';
import { readCache, writeCache } from '../services/cache';
import { exhibitions, type ExhibitionsService } from '../services/exhibitions';
import { localExhibition, localExhibitionSummaries } from '../services/packs';
import type { Exhibition, ExhibitionSummary, ExhibitionWork } from '../types/api';
import { formatPlace } from '../utils/format';

/** The exhibition the visitor said they are in, kept whole so it works with no network. */
export const SELECTED_EXHIBITION = 'exhibition.selected';

export type ExhibitionsStatus = 'idle' | 'loading' | 'ready' | 'error';

export const STATUS_LABELS: Record<ExhibitionSummary['status'], string> = {
  current: '正在展出',
  upcoming: '即将开幕',
  past: '已结束',
};

export interface ExhibitionsDeps {
  exhibitions: ExhibitionsService;
  /** Exhibitions whose offline packs are on the phone: what is shown with no network. */
  offline(): { items: ExhibitionSummary[]; get(id: string): Exhibition | null };
  readSelected(): Exhibition | undefined;
  writeSelected(exhibition: Exhibition): void;
}

const defaultDeps: ExhibitionsDeps = {
  exhibitions,
  offline: () => ({ items: localExhibitionSummaries(), get: localExhibition }),
  readSelected: () => readCache<Exhibition>(SELECTED_EXHIBITION),
  writeSelected: (exhibition) => writeCache(SELECTED_EXHIBITION, exhibition),
};

/** Where the works hang for this visitor: the exhibitions, and the one they are in. */
export class ExhibitionsStore {
  items: ExhibitionSummary[] = [];
  selected: Exhibition | null = null;
  status: ExhibitionsStatus = 'idle';
  errorMessage = '';
  /** The list is the offline packs' (the backend could not be reached). */
  offline = false;
  private started: Promise<void> | null = null;
  private readonly deps: ExhibitionsDeps;

  constructor(deps: ExhibitionsDeps = defaultDeps) {
    this.deps = deps;
    makeAutoObservable<ExhibitionsStore, 'deps' | 'started'>(this, {
      deps: false,
      started: false,
    });
  }

  /**
   * Once per launch: the remembered exhibition at once (from storage), then the list; with nothing
   * remembered, or the remembered one gone, the first current exhibition is chosen.
   */
  start(): Promise<void> {
    if (!this.started) {
      const remembered = this.deps.readSelected();
      // With its pack on the phone, the remembered exhibition's plan and cover are local files.
      if (remembered) this.selected = this.deps.offline().get(remembered.id) ?? remembered;
      this.started = this.load();
    }
    return this.started;
  }

  /** Settles when a start under way has (at once when none was asked for): never rejects. */
  settled(): Promise<void> {
    return this.started ?? Promise.resolve();
  }

  /** Loads the list again (after a failure, or to pick another exhibition). */
  async load(): Promise<void> {
    this.status = 'loading';
    this.errorMessage = '';
    try {
      const items = await this.deps.exhibitions.list();
      runInAction(() => {
        this.items = items;
        this.offline = false;
        this.status = 'ready';
      });
      const keep = this.selected && items.find((item) => item.id === this.selected?.id);
      const first = items.find((item) => item.status === 'current') ?? items[0];
      const id = keep ? keep.id : first?.id;
      // The remembered exhibition is refreshed too: its works or tours may have changed.
      if (id) await this.choose(id);
    } catch (error) {
      const offline = this.deps.offline();
      runInAction(() => {
        if (offline.items.length > 0) {
          // No network: the exhibitions whose packs are on the phone are still there to choose.
          this.items = offline.items;
          this.offline = true;
          this.status = 'ready';
        } else {
          this.status = 'error';
          this.errorMessage = messageOf(error);
        }
      });
    }
  }

  /** The visitor says which exhibition they are in; remembered for the next launch. */
  async choose(id: string): Promise<void> {
    const exhibition = await this.deps.exhibitions.get(id);
    runInAction(() => {
      this.selected = exhibition;
    });
    this.deps.writeSelected(exhibition);
  }

  get selectedId(): string {
    return this.selected?.id ?? '';
  }

  /** "西岸美术馆 · 现代的诞生…", or '' before one is known. */
  get label(): string {
    return this.selected ? `${this.selected.venue} · ${this.selected.title}` : '';
  }

  get statusLabel(): string {
    return this.selected ? STATUS_LABELS[this.selected.status] : '';
  }

  /**
   * Where the artwork page says the work hangs: in the chosen exhibition (its venue, floor and
   * room), or that it is not in it; undefined before an exhibition is known.
   */
  whereItHangs(artworkId: string): { venue: string; place: string } | undefined {
    const exhibition = this.selected;
    if (!exhibition) return undefined;
    const work = this.workIn(artworkId);
    if (!work) return { venue: '', place: `不在「${exhibition.title}」中展出` };
    return {
      venue: `${exhibition.city} · ${exhibition.venue}`,
      place: formatPlace(work.floor ?? '', work.room ?? ''),
    };
  }

  /** Where this work hangs in the chosen exhibition, if it hangs there. */
  workIn(artworkId: string): ExhibitionWork | undefined {
    return this.selected?.works.find((work) => work.artworkId === artworkId);
  }
}

export const exhibitionsStore = new ExhibitionsStore();
