/**
 * What the page sends to be spoken (renderer/flows/speech-text.ts), in a real Chromium DOM: phrases never glued,
 * personal text marked, the focused control read with its label and value (the value marked personal, a masked
 * entry read only as its length). The module is bundled as it is and run on small pages.
 */
import { buildSync } from 'esbuild';
import { expect, test } from '@playwright/test';

const bundle = buildSync({
  entryPoints: ['renderer/flows/speech-text.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'speechText',
  write: false,
}).outputFiles[0]!.text;

type SpeechTextModule = typeof import('../../renderer/flows/speech-text');

const WORDS = {
  checked: 'đã chọn',
  unchecked: 'chưa chọn',
  empty: 'chưa có nội dung',
  nothing: 'Chưa chọn mục nào.',
};

async function load(page: import('@playwright/test').Page, body: string): Promise<void> {
  await page.setContent(`<!doctype html><html lang="vi"><body>${body}</body></html>`);
  await page.addScriptTag({ content: bundle });
}

test('a screen: headings, leads, alerts and results in order, with spaces between phrases, personal marked', async ({
  page,
}) => {
  await load(
    page,
    `<main>
      <div class="panel"><h1 class="panel__title">Số thứ tự của bạn</h1><div class="panel__body"><strong>A012</strong></div></div>
      <p class="lead">Mời bạn chờ gọi số.</p>
      <p class="body">Không đọc đoạn này.</p>
      <div class="error-summary" role="alert"><h2>Có thông tin cần sửa</h2><ul><li>Số điện thoại: Vui lòng nhập số điện thoại</li></ul></div>
      <dl data-speak><dt>Họ tên</dt><dd data-personal>Nguyễn Văn Thử</dd></dl>
      <p class="lead" aria-hidden="true">Ẩn</p>
    </main>`,
  );
  const parts = await page.evaluate(() =>
    (window as unknown as { speechText: SpeechTextModule }).speechText.screenParts(document),
  );
  expect(parts).toEqual([
    { text: 'Số thứ tự của bạn' },
    { text: '.' },
    { text: 'A012' },
    { text: '.' },
    { text: 'Mời bạn chờ gọi số.' },
    { text: 'Có thông tin cần sửa Số điện thoại: Vui lòng nhập số điện thoại' },
    { text: '.' },
    { text: 'Họ tên' },
    { text: 'Nguyễn Văn Thử', personal: true },
    { text: '.' },
  ]);
  const plain = await page.evaluate(
    () =>
      (window as unknown as { speechText: SpeechTextModule }).speechText.partsText(
        (window as unknown as { speechText: SpeechTextModule }).speechText.screenParts(document),
      ) as string,
  );
  expect(plain).toContain('Số thứ tự của bạn. A012. Mời bạn');
  expect(plain).not.toMatch(/\p{L}A012|bạnA|sửaSố/u);
});

test('the focused control: label and value, the value personal, a masked entry only as its length', async ({
  page,
}) => {
  await load(
    page,
    `<main>
      <label for="name">Họ và tên</label><input id="name" value="Trần Thị Mẫu">
      <label for="pin">Mã PIN</label><input id="pin" type="password" value="1234">
      <label for="code">Mã hồ sơ</label><input id="code" data-masked value="000.00.01.H22-261123-0001">
      <label><input id="agree" type="checkbox" checked> Tôi đồng ý</label>
      <label for="prov">Tỉnh, thành phố</label><select id="prov"><option>Hà Nội</option><option selected>Huế</option></select>
      <input id="empty" aria-label="Số điện thoại" value="">
      <button id="go">Tiếp tục</button>
    </main>`,
  );
  const read = (id: string | null) =>
    page.evaluate(
      ([id, words]) =>
        (window as unknown as { speechText: SpeechTextModule }).speechText.controlParts(
          id ? document.getElementById(id) : null,
          { ...words, typed: (n: number) => `đã nhập ${n} ký tự` },
        ),
      [id, WORDS] as const,
    );
  expect(await read('name')).toEqual([
    { text: 'Họ và tên' },
    { text: 'Trần Thị Mẫu', personal: true },
    { text: '.' },
  ]);
  // A masked entry: how many characters, never which.
  expect(await read('pin')).toEqual([{ text: 'Mã PIN' }, { text: 'đã nhập 4 ký tự' }, { text: '.' }]);
  expect(await read('code')).toEqual([{ text: 'Mã hồ sơ' }, { text: 'đã nhập 25 ký tự' }, { text: '.' }]);
  expect(await read('agree')).toEqual([{ text: 'Tôi đồng ý' }, { text: 'đã chọn' }, { text: '.' }]);
  expect(await read('prov')).toEqual([{ text: 'Tỉnh, thành phố' }, { text: 'Huế' }, { text: '.' }]);
  expect(await read('empty')).toEqual([
    { text: 'Số điện thoại' },
    { text: 'chưa có nội dung' },
    { text: '.' },
  ]);
  expect(await read('go')).toEqual([{ text: 'Tiếp tục' }, { text: '.' }]);
  expect(await read(null)).toEqual([{ text: WORDS.nothing }]);
});

test('the tactile path reads a control with its kind, state, hint and error, as a list', async ({ page }) => {
  await load(
    page,
    `<main>
      <label for="phone">Số điện thoại</label>
      <input id="phone" required aria-invalid="true" aria-describedby="phone-hint phone-error" value="">
      <p id="phone-hint">Ví dụ 0912 345 678</p><p id="phone-error">Vui lòng nhập số điện thoại</p>
      <label for="pin">Mã PIN</label><input id="pin" type="password" value="123456">
      <button id="more" aria-expanded="false">Xem thêm</button>
      <button id="send" disabled>Gửi hồ sơ</button>
      <a id="help" href="#">Hướng dẫn</a>
      <label><input id="yes" type="radio" name="a"> Có</label>
      <div id="sw" role="switch" aria-checked="true" tabindex="0" aria-label="Nhận tin nhắn"></div>
      <label for="who">Họ tên</label><input id="who" aria-describedby="who-value" value="Trần Thị Mẫu">
      <span id="who-value" data-personal>Trần Thị Mẫu</span>
    </main>`,
  );
  const read = (id: string) =>
    page.evaluate(
      ([id, words]) =>
        (window as unknown as { speechText: SpeechTextModule }).speechText.controlParts(
          document.getElementById(id),
          {
            ...words,
            typed: (n: number) => `đã nhập ${n} ký tự`,
            kinds: {
              button: 'nút',
              link: 'liên kết',
              checkbox: 'ô đánh dấu',
              radio: 'lựa chọn',
              select: 'danh sách chọn',
              text: 'ô nhập',
            },
            disabled: 'chưa dùng được lúc này',
            expanded: 'đang mở',
            collapsed: 'đang đóng',
            required: 'bắt buộc',
            invalid: 'cần sửa lại',
          },
        ),
      [id, WORDS] as const,
    );
  const text = async (id: string) => (await read(id)).map((p) => p.text).join(' ');
  expect(await text('phone')).toBe(
    'Số điện thoại , ô nhập , chưa có nội dung , bắt buộc , cần sửa lại , Ví dụ 0912 345 678 Vui lòng nhập số điện thoại .',
  );
  expect(await text('pin')).toBe('Mã PIN , ô nhập , đã nhập 6 ký tự .');
  expect(await text('more')).toBe('Xem thêm , nút , đang đóng .');
  expect(await text('send')).toBe('Gửi hồ sơ , nút , chưa dùng được lúc này .');
  expect(await text('help')).toBe('Hướng dẫn , liên kết .');
  expect(await text('yes')).toBe('Có , lựa chọn , chưa chọn .');
  expect(await text('sw')).toBe('Nhận tin nhắn , ô đánh dấu , đã chọn .');
  // The typed value stays marked personal; a description inside [data-personal] is not read.
  const who = await read('who');
  expect(who.filter((p) => p.personal)).toEqual([{ text: 'Trần Thị Mẫu', personal: true }]);
  expect(who.map((p) => p.text).join(' ')).toBe('Họ tên , ô nhập , Trần Thị Mẫu .');
});
