import { createContext, useContext } from 'react';

/**
 * Simple line pictograms for the service categories (catalogue `category`), drawn inline: no external
 * assets, `currentColor` (so they follow high contrast), decorative only (`aria-hidden`; the tile's words
 * carry the meaning). 48×48 grid, 3 px strokes. A configuration may replace any of them with its own image
 * (`branding.pictograms`, by service id or category id; see `PictogramImages`).
 */
const PATHS: Record<string, string> = {
  // a card with a face and lines
  identity: 'M6 12h36v24H6z M12 20a4 4 0 1 0 8 0a4 4 0 1 0 -8 0 M10 32c1-4 11-4 12 0 M26 20h10 M26 26h10',
  // a house
  residence: 'M6 24L24 8l18 16 M11 20v20h26V20 M20 40V29h8v11',
  // two people
  'civil-status':
    'M10 18a5 5 0 1 0 10 0a5 5 0 1 0 -10 0 M28 18a5 5 0 1 0 10 0a5 5 0 1 0 -10 0 M6 40c0-8 18-8 18 0 M24 40c0-8 18-8 18 0',
  // a passport with a globe
  travel: 'M12 6h24v36H12z M18 20a6 6 0 1 0 12 0a6 6 0 1 0 -12 0 M18 20h12 M24 14v12 M18 34h12',
  // a car
  transport: 'M8 30l4-10h24l4 10v8H8z M8 30h32 M12 38v4 M36 38v4 M13 34h2 M33 34h2',
  // a plot of land and a document
  'tax-land': 'M6 40l8-14h20l8 14z M16 26l-4 14 M32 26l4 14 M20 6h12v14H20z M23 11h6 M23 15h6',
  // a shield with a cross
  'social-insurance': 'M24 6l16 6v10c0 10-7 17-16 20C15 39 8 32 8 22V12z M24 16v14 M17 23h14',
  // a lightning bolt
  utilities: 'M27 4L12 27h11l-3 17 16-24H25z',
  // a graduation cap
  education: 'M4 18l20-10 20 10-20 10z M12 22v10c6 5 18 5 24 0V22 M40 20v12',
  // scales
  justice: 'M24 6v34 M14 40h20 M10 14h28 M10 14l-6 14h12z M38 14l-6 14h12z',
  // a building
  business: 'M10 42V10h20v32 M30 20h10v22 M6 42h38 M15 16h4 M21 16h4 M15 24h4 M21 24h4 M15 32h4 M21 32h4',
};

/**
 * The configuration's pictogram images (`kiosk.hello` branding): service id or category id → `data:` URL.
 * Empty (the default): only the built-in pictograms.
 */
export const PictogramImages = createContext<Readonly<Record<string, string>>>({});

/**
 * A tile's pictogram: the configured image for `service` if any, else for `category`, else the built-in one
 * for `category`. An image is decorative like the built-in drawing (`alt=""`: the tile's words are beside it).
 */
export function Pictogram({
  category,
  service,
  size = 64,
}: {
  category: string;
  service?: string;
  size?: number;
}) {
  const images = useContext(PictogramImages);
  const key = service !== undefined && Object.hasOwn(images, service) ? service : category;
  const src = Object.hasOwn(images, key) ? images[key] : undefined;
  if (src) {
    return (
      <img
        className="pictogram pictogram--image"
        src={src}
        alt=""
        width={size}
        height={size}
        data-pictogram={key}
        data-pictogram-source="configured"
      />
    );
  }
  const d = PATHS[category];
  if (!d) return null;
  return (
    <svg
      className="pictogram"
      viewBox="0 0 48 48"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      data-pictogram={category}
    >
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** The categories that have a pictogram (a test checks every catalogue category has one). */
export const PICTOGRAM_CATEGORIES: readonly string[] = Object.keys(PATHS);
