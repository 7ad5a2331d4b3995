import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Result } from '../../common/api/contract';
import type { Service } from '../../common/catalogue/schema';
import { useKioskApi } from '../api/KioskApiContext';
import { Keyboard } from '../components/Keyboard';
import { KeyboardDock } from '../components/KeyboardDock';
import { useBranding } from '../components/Branding';
import { Pictogram, PictogramImages } from '../components/Pictogram';
import { KeyboardTextInput } from '../components/KeyboardTextInput';

type Home = Result<'catalogue.home'>;

/**
 * Choose a service: search (with or without diacritics, Telex typed or not), then category tiles with
 * pictograms (every service is in one), then the most used. No endless list: a category shows its services.
 */
const NO_IMAGES: Readonly<Record<string, string>> = {};

export function ServicesScreen({
  services,
  onChoose,
  onBack,
}: {
  services: Service[];
  onChoose(serviceId: string): void;
  onBack(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Language;
  const api = useKioskApi();
  const [home, setHome] = useState<Home | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<string[] | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [typing, setTyping] = useState(false);
  const byId = new Map(services.map((s) => [s.id, s]));
  // The configuration's own pictograms (branding.pictograms) replace the built-in ones on these tiles.
  const pictograms = useBranding()?.pictograms ?? NO_IMAGES;

  useEffect(() => {
    void api.call('catalogue.home', {}).then(setHome);
  }, [api]);
  useEffect(() => {
    if (!query.trim()) return setHits(null);
    let alive = true;
    void api.call('catalogue.search', { query }).then((r) => alive && setHits(r.map((h) => h.serviceId)));
    return () => {
      alive = false;
    };
  }, [api, query]);

  const tile = (id: string) => {
    const s = byId.get(id);
    if (!s) return null;
    return (
      <li key={id}>
        <button
          type="button"
          className="tile tile--with-picture"
          onClick={() => onChoose(id)}
          data-testid={`service-${s.number}`}
        >
          <Pictogram category={s.category} service={s.id} />
          <span className="tile__text">
            <span className="tile__title">{s.shortName[lang]}</span>
            <span className="tile__body">{s.summary[lang]}</span>
          </span>
        </button>
      </li>
    );
  };

  const cat = home?.categories.find((c) => c.id === category);
  return (
    <PictogramImages.Provider value={pictograms}>
      <main
        id="main"
        className={`screen${typing ? ' screen--with-keyboard' : ''}`}
        data-testid="screen-services"
      >
        <button type="button" className="back-link" onClick={() => (cat ? setCategory(null) : onBack())}>
          {t('form.back')}
        </button>
        <h1 className="heading-l">{cat ? cat.label[lang] : t('services.title')}</h1>
        {!cat && (
          <KeyboardTextInput
            id="service-search"
            type="search"
            label={t('services.searchLabel')}
            hint={t('services.searchHint')}
            value={query}
            onChange={setQuery}
            onFocus={() => setTyping(true)}
          />
        )}
        {hits !== null && !cat ? (
          <section aria-live="polite">
            <h2 className="heading-m" data-testid="services-found">
              {t('services.found', { ns: 'ux', count: hits.length })}
            </h2>
            {hits.length === 0 ? (
              <p className="body">{t('services.noResults')}</p>
            ) : (
              <ul className="tiles tiles--grid">{hits.map(tile)}</ul>
            )}
          </section>
        ) : cat ? (
          <ul className="tiles tiles--grid" data-testid={`category-services-${cat.id}`}>
            {cat.serviceIds.map(tile)}
          </ul>
        ) : (
          home && (
            <>
              <h2 className="heading-m">{t('services.categories')}</h2>
              <ul className="tiles tiles--grid category-tiles">
                {home.categories.map((c) => (
                  <li key={c.id}>
                    <button
                      type="button"
                      className="tile tile--with-picture tile--category"
                      onClick={() => {
                        setCategory(c.id);
                        setTyping(false);
                        window.scrollTo(0, 0);
                      }}
                      data-testid={`category-${c.id}`}
                    >
                      <Pictogram category={c.id} />
                      <span className="tile__text">
                        <span className="tile__title">{c.label[lang]}</span>
                        <span className="tile__body">
                          {t('services.groupCount', { ns: 'ux', count: c.serviceIds.length })}
                        </span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              <h2 className="heading-m">{t('services.mostUsed')}</h2>
              <ul className="tiles tiles--grid">{home.mostUsed.map(tile)}</ul>
            </>
          )
        )}
        {typing && (
          <KeyboardDock>
            <Keyboard layout="text" value={query} onChange={setQuery} onDone={() => setTyping(false)} />
          </KeyboardDock>
        )}
      </main>
    </PictogramImages.Provider>
  );
}
