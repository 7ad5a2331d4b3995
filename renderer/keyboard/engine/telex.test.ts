import { describe, expect, it } from 'vitest';
import { applyKeys } from './composer';

type Case = readonly [keys: string, expected: string];

function check(cases: readonly Case[], style: 'modern' | 'classic' = 'modern', initial = ''): void {
  it.each(cases)('%j → %j', (keys, expected) => {
    const out = applyKeys('telex', keys, initial, { toneStyle: style });
    expect(out).toBe(expected.normalize('NFC'));
    expect(out).toBe(out.normalize('NFC'));
  });
}

describe('telex: tones', () => {
  check([
    ['as', 'á'],
    ['af', 'à'],
    ['ar', 'ả'],
    ['ax', 'ã'],
    ['aj', 'ạ'],
    ['asz', 'a'],
    ['asf', 'à'],
    ['ajx', 'ã'],
    ['ma', 'ma'],
    ['mas', 'má'],
    ['maf', 'mà'],
    ['mar', 'mả'],
    ['max', 'mã'],
    ['maj', 'mạ'],
    ['cos', 'có'],
    ['ys', 'ý'],
    ['kyx', 'kỹ'],
    ['mix', 'mĩ'],
  ]);
});

describe('telex: vowel and consonant marks', () => {
  check([
    ['aa', 'â'],
    ['aw', 'ă'],
    ['ee', 'ê'],
    ['oo', 'ô'],
    ['ow', 'ơ'],
    ['uw', 'ư'],
    ['w', 'ư'],
    ['tw', 'tư'],
    ['nhw', 'như'],
    ['dd', 'đ'],
    ['ddi', 'đi'],
    ['did', 'đi'],
    ['aaw', 'ă'],
    ['awa', 'â'],
    ['owo', 'ô'],
    ['uow', 'ươ'],
    ['uwow', 'ươ'],
    ['uwo', 'ưo'],
    ['uwong', 'ương'],
    ['uwoi', 'ươi'],
    ['tana', 'tân'],
    ['banw', 'băn'],
  ]);
});

describe('telex: repeating a key undoes it and types it literally', () => {
  check([
    ['ass', 'as'],
    ['aff', 'af'],
    ['arr', 'ar'],
    ['axx', 'ax'],
    ['ajj', 'aj'],
    ['aaa', 'aa'],
    ['eee', 'ee'],
    ['ooo', 'oo'],
    ['aww', 'aw'],
    ['oww', 'ow'],
    ['uww', 'uw'],
    ['ww', 'w'],
    ['tww', 'tw'],
    ['ddd', 'dd'],
    ['uoww', 'uow'],
    ['xooong', 'xoong'],
    ['xooongf', 'xoòng'],
    ['booong', 'boong'],
    ['asss', 'ass'],
    ['dddd', 'ddd'],
    ['zz', 'zz'],
  ]);
});

describe('telex: tones typed anywhere after the vowels', () => {
  check([
    ['vieetj', 'việt'],
    ['vietej', 'việt'],
    ['vieejt', 'việt'],
    ['vietje', 'việt'],
    ['tieengs', 'tiếng'],
    ['tiengse', 'tiếng'],
    ['nguowif', 'người'],
    ['nguwowif', 'người'],
    ['nguoiwf', 'người'],
    ['ddaays', 'đấy'],
    ['ddeens', 'đến'],
    ['ddenes', 'đến'],
    ['hocj', 'học'],
    ['hojc', 'học'],
    ['truwowngf', 'trường'],
    ['truongwf', 'trường'],
    ['huowng', 'hương'],
    ['nuwowcs', 'nước'],
    ['nuocsw', 'nước'],
    ['cuowfi', 'cười'],
    ['toansz', 'toan'],
    ['chw', 'chư'],
    ['chuw', 'chư'],
  ]);
});

describe('telex: qu and gi onsets', () => {
  check([
    ['quoocs', 'quốc'],
    ['quys', 'quý'],
    ['quyr', 'quỷ'],
    ['quyeenr', 'quyển'],
    ['quyeets', 'quyết'],
    ['quaf', 'quà'],
    ['quaj', 'quạ'],
    ['quawng', 'quăng'],
    ['quaanj', 'quận'],
    ['queen', 'quên'],
    ['gif', 'gì'],
    ['gifn', 'gìn'],
    ['gins', 'gín'],
    ['giuwx', 'giữ'],
    ['gias', 'giá'],
    ['giowf', 'giờ'],
    ['giuwowngf', 'giường'],
    ['gieets', 'giết'],
    ['giaf', 'già'],
    ['giaays', 'giấy'],
  ]);
});

describe('telex: oa / oe / uy and longer vowel groups (modern style)', () => {
  check([
    ['hoaf', 'hoà'],
    ['hoas', 'hoá'],
    ['khoer', 'khoẻ'],
    ['thuyr', 'thuỷ'],
    ['tuyf', 'tuỳ'],
    ['huyr', 'huỷ'],
    ['xoaf', 'xoà'],
    ['oaf', 'oà'],
    ['hoafn', 'hoàn'],
    ['hoanf', 'hoàn'],
    ['toans', 'toán'],
    ['hoangf', 'hoàng'],
    ['hoawcj', 'hoặc'],
    ['khoawns', 'khoắn'],
    ['huyeenj', 'huyện'],
    ['nguyeenx', 'nguyễn'],
    ['nguyenxe', 'nguyễn'],
    ['nguyenex', 'nguyễn'],
    ['chuyeenj', 'chuyện'],
    ['tuyeets', 'tuyết'],
    ['khuyru', 'khuỷu'],
    ['ngoeoj', 'ngoẹo'],
    ['ngoaif', 'ngoài'],
    ['xoays', 'xoáy'],
    ['khuaays', 'khuấy'],
    ['huyfnh', 'huỳnh'],
    ['huychs', 'huých'],
    ['huychj', 'huỵch'],
    ['muaf', 'mùa'],
    ['muwaf', 'mừa'],
    ['mias', 'mía'],
    ['kiaf', 'kìa'],
    ['caif', 'cài'],
    ['nhayr', 'nhảy'],
    ['leeuf', 'lều'],
    ['muoons', 'muốn'],
    ['cuoocj', 'cuộc'],
    ['ruowuj', 'rượu'],
    ['tuooir', 'tuổi'],
    ['buwoir', 'bưởi'],
    ['ddieeuf', 'điều'],
    ['yeeu', 'yêu'],
    ['yeens', 'yến'],
    ['uoongs', 'uống'],
    ['gowir', 'gởi'],
    ['guwir', 'gửi'],
    ['luwuj', 'lựu'],
  ]);
});

describe('telex: classic tone style', () => {
  check(
    [
      ['hoaf', 'hòa'],
      ['hoas', 'hóa'],
      ['khoer', 'khỏe'],
      ['thuyr', 'thủy'],
      ['tuyf', 'tùy'],
      ['hoafn', 'hoàn'],
      ['quys', 'quý'],
      ['nguyeenx', 'nguyễn'],
      ['ngoaif', 'ngoài'],
      ['muaf', 'mùa'],
    ],
    'classic',
  );
});

describe('telex: capitals', () => {
  check([
    ['NGUYEENX', 'NGUYỄN'],
    ['Nguyeenx', 'Nguyễn'],
    ['NguyeenX', 'Nguyễn'],
    ['nGUYEENX', 'nGUYỄN'],
    ['VIEETJ', 'VIỆT'],
    ['DDAWNGJ', 'ĐẶNG'],
    ['Ddawngj', 'Đặng'],
    ['DdAWNGJ', 'ĐẶNG'],
    ['TRAANF', 'TRẦN'],
    ['PHAMJ', 'PHẠM'],
    ['Hoof', 'Hồ'],
    ['HUWOWNG', 'HƯƠNG'],
    ['LEE', 'LÊ'],
    ['Vox', 'Võ'],
    ['Ddoox', 'Đỗ'],
    ['BUIF', 'BÙI'],
    ['DUWOWNG', 'DƯƠNG'],
    ['HUYFNH', 'HUỲNH'],
    ['AA', 'Â'],
    ['Aa', 'Â'],
    ['aA', 'â'],
    ['W', 'Ư'],
    ['UW', 'Ư'],
    ['ASS', 'AS'],
    ['QUOOCS', 'QUỐC'],
    ['GIUWX', 'GIỮ'],
  ]);
});

describe('telex: words that cannot be Vietnamese stay as typed', () => {
  check([
    ['email', 'email'],
    ['https', 'https'],
    ['http', 'http'],
    ['wwww', 'www'],
    ['window', 'window'],
    ['google', 'google'],
    ['facebook', 'facebook'],
    ['zalo', 'zalo'],
    ['gmail', 'gmail'],
    ['admin', 'admin'],
    ['text', 'text'],
    ['Excel', 'Excel'],
    ['Word', 'Word'],
    ['gov', 'gov'],
    ['vn', 'vn'],
    ['matf', 'matf'],
    ['hoafc', 'hoafc'],
    ['kafka', 'kafka'],
    ['string', 'string'],
    ['iphone', 'iphone'],
  ]);
});

describe('telex: only the current word changes; a non-letter ends the word', () => {
  check([
    ['Nguyeenx Thij Huwowng', 'Nguyễn Thị Hương'],
    ['Traanf Vawn Ddawngj', 'Trần Văn Đặng'],
    ['Lee Thij Hoaf', 'Lê Thị Hoà'],
    ['hoa s', 'hoa s'],
    ['Nguyen x', 'Nguyen x'],
    ['a-s', 'a-s'],
    ['viet.j', 'viet.j'],
    ['Tp. Hoof Chis Minh', 'Tp. Hồ Chí Minh'],
    ['Soos 12 ddwowngf Lee Lowij', 'Số 12 đường Lê Lợi'],
    ['Phuwowngf 7, Quaanj 3', 'Phường 7, Quận 3'],
    ['Tinhr Quangr Nam', 'Tỉnh Quảng Nam'],
    ['Thanhf phoos Hoof Chis Minh', 'Thành phố Hồ Chí Minh'],
    ['email: an@gmail.com', 'email: an@gmail.com'],
    ['https://dichvucong.gov.vn', 'https://dichvucong.gov.vn'],
    ['0912345678', '0912345678'],
    ['Giuwx gifn', 'Giữ gìn'],
    ['Vieetj Nam', 'Việt Nam'],
    ['Cawn cuwowcs coong daan', 'Căn cước công dân'],
  ]);
});

describe('telex: backspace (\\b) erases what is on screen, the word stays editable', () => {
  check([
    ['vieetj\b', 'việ'],
    ['vieetj\bt', 'việt'],
    ['hoaf\b', 'ho'],
    ['Nguyeen \bx', 'Nguyễn'],
    ['Thij \bf', 'Thì'],
    ['ass\b', 'a'],
    ['ass\bs', 'á'],
    ['\b', ''],
    ['ab\b\b\b', ''],
    ['ddd\b', 'd'],
    ['dd\b', ''],
    ['email\b', 'emai'],
    ['email\bs', 'emais'],
    ['window\bw', 'window'],
    ['Huwowng\b\b\bowng', 'Hương'],
    ['ba \b\bas', 'bá'],
  ]);
  check([['hoaf\b', 'hò']], 'classic');
});

describe('telex: typing after an existing value', () => {
  it('continues the last word of the field', () => {
    expect(applyKeys('telex', 'x', 'Nguyên')).toBe('Nguyễn');
    expect(applyKeys('telex', ' Thij', 'Nguyễn')).toBe('Nguyễn Thị');
    expect(applyKeys('telex', 's', 'Hà Nội')).toBe('Hà Nối');
  });
});
