/** The catalogue (services, forms, search, home screen) and places (administrative units, old addresses). */
import { communeByCodeOrNull, communes, provinces, remapOldAddress } from '../../catalogue/admin-units';
import { getForm, loadCatalogue } from '../../catalogue';
import { homeScreen, searchServices } from '../../catalogue/search';
import { KioskApiError } from '../../common/api/contract';
import type { Handlers } from '../api/kiosk-host';
import type { KioskConfig } from '../config/config';
import { type Reconciliation, withPortalFees } from '../portal/reconcile';

type CatalogueMethod = Extract<keyof Handlers, `catalogue.${string}` | `places.${string}`>;

export function catalogueHandlers(o: {
  config: KioskConfig;
  /** The latest reconciliation with the provincial system (its fees, with `portal.feesFrom: "portal"`). */
  reconciliation: () => Reconciliation | null;
}): Pick<Handlers, CatalogueMethod> {
  const { config } = o;
  const place = (c: { fullName: string; provinceName: string }): string => `${c.fullName}, ${c.provinceName}`;
  return {
    'catalogue.services': () =>
      config.portal.feesFrom === 'portal'
        ? withPortalFees(loadCatalogue().services, o.reconciliation())
        : [...loadCatalogue().services],
    'catalogue.form': ({ id, version }) => {
      try {
        return getForm(id, version);
      } catch {
        throw new KioskApiError('catalogue-form-not-found', `No form ${id}`);
      }
    },
    'catalogue.home': () => {
      const home = homeScreen(loadCatalogue().services);
      return {
        mostUsed: home.mostUsed.map((s) => s.id),
        categories: home.categories.map((c) => ({
          id: c.id,
          label: c.label,
          serviceIds: c.services.map((s) => s.id),
        })),
      };
    },
    'catalogue.search': ({ query }) =>
      searchServices(query, { limit: 10 }).map((h) => ({ serviceId: h.service.id, score: h.score })),
    'catalogue.forms': () =>
      loadCatalogue().forms.map((f) => ({
        id: f.id,
        version: f.version,
        title: f.title,
        effectiveFrom: f.effectiveFrom,
        fidelity: f.fidelity,
      })),
    'places.provinces': () => provinces().map((p) => ({ code: p.code, name: p.fullName })),
    'places.communes': ({ provinceCode }) =>
      communes(provinceCode).map((c) => ({ code: c.code, name: c.fullName })),
    'places.home': () => {
      const c = config.kioskCommuneCode ? communeByCodeOrNull(config.kioskCommuneCode) : null;
      return c ? { provinceCode: c.provinceCode, communeCode: c.code, label: place(c) } : null;
    },
    'places.remap': ({ text }) => {
      const r = remapOldAddress(text);
      if (r.status === 'unique')
        return {
          status: 'unique',
          provinceCode: r.unit.provinceCode,
          communeCode: r.unit.code,
          label: place(r.unit),
          detail: r.detail,
        };
      if (r.status === 'ambiguous')
        return {
          status: 'ambiguous',
          detail: r.detail,
          candidates: r.candidates.map((c) => ({
            provinceCode: c.provinceCode,
            communeCode: c.code,
            label: place(c),
          })),
        };
      return { status: 'not-found' };
    },
  };
}
