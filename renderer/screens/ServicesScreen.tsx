import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Result } from '../../common/api/contract';
import type { Service } from '../../common/catalogue/schema';
import { useKioskApi } from '../api/KioskApiContext';
import { Keyboard } from '../components/Keyboard';

type Home = Result<'catalogue.home'>;

/** Choose a service: search (with or without diacritics), most used, then categories. */
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
          className="tile"
          onClick={() => onChoose(id)}
          data-testid={`service-${s.number}`}
        >
          <span className="tile__title">{s.shortName[lang]}</span>
          <span className="tile__body">{s.summary[lang]}</span>
        </button>
      </li>
    );
  };

  const cat = home?.categories.find((c) => c.id === category);
  return (
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
        <div className="form-group">
          <label className="label" htmlFor="service-search">
            {t('services.searchLabel')}
          </label>
          <p className="hint">{t('services.searchHint')}</p>
          <input
            id="service-search"
            className="input"
            type="search"
            inputMode="none"
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onFocus={() => setTyping(true)}
            data-testid="service-search"
          />
        </div>
      )}
      {hits !== null && !cat ? (
        <section aria-live="polite">
          <h2 className="heading-m">{t('services.results', { count: hits.length })}</h2>
          {hits.length === 0 ? (
            <p className="body">{t('services.noResults')}</p>
          ) : (
            <ul className="tiles">{hits.map(tile)}</ul>
          )}
        </section>
      ) : cat ? (
        <ul className="tiles">{cat.serviceIds.map(tile)}</ul>
      ) : (
        home && (
          <>
            <h2 className="heading-m">{t('services.mostUsed')}</h2>
            <ul className="tiles">{home.mostUsed.map(tile)}</ul>
            <h2 className="heading-m">{t('services.categories')}</h2>
            <ul className="category-list">
              {home.categories.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className="button button--secondary button--block"
                    onClick={() => setCategory(c.id)}
                  >
                    {c.label[lang]}
                  </button>
                </li>
              ))}
            </ul>
            <h2 className="heading-m">{t('services.all')}</h2>
            <ol className="all-services" data-testid="all-services">
              {[...services]
                .sort((a, b) => a.number - b.number)
                .map((s) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onChoose(s.id)}
                      data-testid={`all-service-${s.number}`}
                    >
                      {s.name[lang]}
                    </button>
                  </li>
                ))}
            </ol>
          </>
        )
      )}
      {typing && (
        <div className="keyboard-dock">
          <Keyboard layout="text" value={query} onChange={setQuery} onDone={() => setTyping(false)} />
        </div>
      )}
    </main>
  );
}
