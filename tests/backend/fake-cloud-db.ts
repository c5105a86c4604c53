// A stand-in for wx-server-sdk's database at the platform boundary: documents in arrays, queried
// with the operators the repository uses, and with CloudBase's documented caps — a get() answers
// 100 documents when no limit is given and refuses a limit above 1,000; an aggregate answers 20
// groups unless it is given a limit. Every query is recorded. A document by _id (doc().get/set) is
// read and replaced as the SDK does: get() of a missing one rejects, set() refuses an _id in data.
// An update applies `command.inc` atomically and `a.b` / `list.3` paths as the SDK does; where()
// also removes what it selects.
import type {
  CloudAggregate,
  CloudDatabase,
  CloudDocument,
  CloudDocuments,
  CloudQuery,
} from '../../backend/repository/cloudbase';

type Doc = Record<string, unknown>;
type Condition =
  | { op: 'gt' | 'in' | 'lt' | 'gte' | 'lte' | 'inc'; value: unknown }
  | { op: 'and'; value: Condition[] }
  | { op: 'regexp'; value: RegExp };

const compare = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a) < String(b)
      ? -1
      : String(a) > String(b)
        ? 1
        : 0;

function satisfies(actual: unknown, condition: Condition): boolean {
  switch (condition.op) {
    case 'gt':
      return String(actual) > String(condition.value);
    case 'in':
      return (condition.value as unknown[]).includes(actual);
    case 'lt':
      return actual !== undefined && compare(actual, condition.value) < 0;
    case 'gte':
      return actual !== undefined && compare(actual, condition.value) >= 0;
    case 'lte':
      return actual !== undefined && compare(actual, condition.value) <= 0;
    case 'and':
      return condition.value.every((part) => satisfies(actual, part));
    case 'regexp':
      return typeof actual === 'string' && condition.value.test(actual);
    default:
      return false;
  }
}

const isCommand = (value: unknown): value is Condition =>
  typeof value === 'object' && value !== null && 'op' in value;

/** The node holding a path's last key, made on the way as the database makes missing fields. */
function parentOf(doc: Doc, path: string): { node: Doc; key: string } {
  const keys = path.split('.');
  const key = keys.pop() as string;
  let node = doc;
  for (const step of keys) {
    if (typeof node[step] !== 'object' || node[step] === null) node[step] = {};
    node = node[step] as Doc;
  }
  return { node, key };
}

/** One update of one document: increments, dotted paths, then plain fields as before. */
function applyUpdate(doc: Doc, data: Doc): void {
  const plain: Doc = {};
  for (const [path, value] of Object.entries(data)) {
    if (isCommand(value) && value.op === 'inc') {
      const { node, key } = parentOf(doc, path);
      node[key] = (typeof node[key] === 'number' ? node[key] : 0) + Number(value.value);
    } else if (path.includes('.')) {
      const { node, key } = parentOf(doc, path);
      node[key] = JSON.parse(JSON.stringify(value)) as unknown;
    } else {
      plain[path] = value;
    }
  }
  Object.assign(doc, JSON.parse(JSON.stringify(plain)) as Doc);
}

function valueAt(doc: Doc, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Doc | undefined)?.[key], doc as unknown);
}

function matches(doc: Doc, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([path, wanted]) => {
    const actual = valueAt(doc, path);
    return isCommand(wanted) ? satisfies(actual, wanted) : actual === wanted;
  });
}

type Collection = CloudQuery & {
  /** Narrowed: the live state updates what a where() selects. */
  where(filter: Record<string, unknown>): Collection;
  aggregate(): CloudAggregate;
  doc(id: string): CloudDocument;
  add(options: { data: Doc }): Promise<{ _id: string }>;
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
};

export interface FakeCloudDb extends CloudDatabase, CloudDocuments {
  collection(name: string): Collection;
  readonly command: CloudDatabase['command'] & {
    inc(value: number): unknown;
    lt(value: unknown): unknown;
    gte(value: unknown): unknown;
    lte(value: unknown): unknown;
    and(...conditions: unknown[]): unknown;
  };
  /** Every get(), count(), aggregate end() and doc() get/set, by collection. */
  calls: Array<{
    collection: string;
    kind: 'get' | 'count' | 'aggregate' | 'doc.get' | 'doc.set' | 'add' | 'update' | 'remove';
    limit?: number;
  }>;
}

export function fakeCloudDb(collections: Record<string, Doc[]>): FakeCloudDb {
  const calls: FakeCloudDb['calls'] = [];

  function doc(name: string, id: string): CloudDocument {
    const docs = () => (collections[name] ??= []);
    return {
      async get() {
        calls.push({ collection: name, kind: 'doc.get' });
        const found = docs().find((candidate) => candidate._id === id);
        if (!found) {
          throw Object.assign(
            new Error(`document.get:fail document with _id ${id} does not exist`),
            { errCode: -1 },
          );
        }
        return { data: JSON.parse(JSON.stringify(found)) as unknown };
      },
      async set({ data }) {
        calls.push({ collection: name, kind: 'doc.set' });
        if ('_id' in data) throw new Error('document.set:fail 不能更新_id的值');
        const copy = { _id: id, ...(JSON.parse(JSON.stringify(data)) as Doc) };
        const index = docs().findIndex((candidate) => candidate._id === id);
        if (index >= 0) docs()[index] = copy;
        else docs().push(copy);
        return { _id: id, stats: { updated: index >= 0 ? 1 : 0, created: index >= 0 ? 0 : 1 } };
      },
    };
  }

  function query(name: string): Collection {
    const state = {
      filter: {} as Record<string, unknown>,
      order: null as null | { field: string; direction: 1 | -1 },
      limit: undefined as number | undefined,
      skip: 0,
      fields: null as null | Record<string, boolean>,
    };
    const selected = () => {
      const docs = (collections[name] ?? []).filter((doc) => matches(doc, state.filter));
      if (state.order) {
        const { field, direction } = state.order;
        docs.sort((a, b) => {
          const x = String(valueAt(a, field));
          const y = String(valueAt(b, field));
          return x < y ? -direction : x > y ? direction : 0;
        });
      }
      return docs;
    };
    const builder: Collection = {
      doc: (id) => doc(name, id),
      // add() inserts, refusing an _id that is there (as CloudBase does: a duplicate key error).
      async add({ data }) {
        calls.push({ collection: name, kind: 'add' });
        const docs = (collections[name] ??= []);
        const id = typeof data._id === 'string' ? data._id : `auto-${docs.length + 1}`;
        if (docs.some((candidate) => candidate._id === id)) {
          throw Object.assign(new Error(`collection.add:fail E11000 duplicate key error: ${id}`), {
            errCode: -502001,
          });
        }
        docs.push({ ...(JSON.parse(JSON.stringify(data)) as Doc), _id: id });
        return { _id: id };
      },
      // where(...).update() changes the matching documents' fields, one write each.
      async update({ data }) {
        calls.push({ collection: name, kind: 'update' });
        if ('_id' in data) throw new Error('collection.update:fail 不能更新_id的值');
        const docs = selected();
        for (const found of docs) applyUpdate(found, data);
        return { stats: { updated: docs.length } };
      },
      // where(...).remove() deletes the matching documents.
      async remove() {
        calls.push({ collection: name, kind: 'remove' });
        const gone = new Set(selected());
        collections[name] = (collections[name] ?? []).filter((doc) => !gone.has(doc));
        return { stats: { removed: gone.size } };
      },
      where(filter) {
        state.filter = filter;
        return builder;
      },
      orderBy(field, direction) {
        state.order = { field, direction: direction === 'asc' ? 1 : -1 };
        return builder;
      },
      limit(count) {
        state.limit = count;
        return builder;
      },
      skip(count) {
        state.skip = count;
        return builder;
      },
      field(projection) {
        state.fields = projection;
        return builder;
      },
      async get() {
        calls.push({ collection: name, kind: 'get', limit: state.limit });
        if (state.limit !== undefined && state.limit > 1000) {
          throw new Error('errCode: -502005 limit must be less than or equal to 1000');
        }
        const docs = selected().slice(state.skip, state.skip + (state.limit ?? 100));
        const fields = state.fields;
        const data = fields
          ? docs.map((doc) =>
              Object.fromEntries(
                Object.entries(doc).filter(([key]) => fields[key] || key === '_id'),
              ),
            )
          : docs;
        return { data: JSON.parse(JSON.stringify(data)) as unknown[] };
      },
      async count() {
        calls.push({ collection: name, kind: 'count' });
        return { total: selected().length };
      },
      aggregate() {
        const stages = { match: {} as Record<string, unknown>, by: '', limit: 20 };
        const pipeline: CloudAggregate = {
          match(filter) {
            stages.match = filter;
            return pipeline;
          },
          group(spec) {
            stages.by = String(spec._id).replace(/^\$/, '');
            return pipeline;
          },
          limit(count) {
            stages.limit = count;
            return pipeline;
          },
          async end() {
            calls.push({ collection: name, kind: 'aggregate', limit: stages.limit });
            const counts = new Map<unknown, number>();
            for (const doc of collections[name] ?? []) {
              if (!matches(doc, stages.match)) continue;
              const key = valueAt(doc, stages.by);
              counts.set(key, (counts.get(key) ?? 0) + 1);
            }
            const list = [...counts].map(([_id, count]) => ({ _id, count }));
            return { list: list.slice(0, stages.limit) };
          },
        };
        return pipeline;
      },
    };
    return builder;
  }

  return {
    calls,
    collection: (name) => query(name),
    command: {
      gt: (value) => ({ op: 'gt', value }),
      in: (values) => ({ op: 'in', value: values }),
      inc: (value) => ({ op: 'inc', value }),
      lt: (value) => ({ op: 'lt', value }),
      gte: (value) => ({ op: 'gte', value }),
      lte: (value) => ({ op: 'lte', value }),
      and: (...conditions) => ({ op: 'and', value: conditions }),
      aggregate: { sum: (value) => ({ $sum: value }) },
    },
    RegExp: ({ regexp, options }) => ({ op: 'regexp', value: new RegExp(regexp, options) }),
  };
}
