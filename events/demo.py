"""Demo events: the FY2021 plan's events (most held, with reports) and a few upcoming ones.

Idempotent: events are found by slug, so loading twice adds nothing. Upcoming events are
dated relative to the day of loading; if a later load finds that they have passed, it moves
them forward again so the site never looks empty. Events an earlier version loaded are brought
up to date where the editors left them as loaded (refresh_event()).
"""

import datetime

from django.utils import timezone

from website.dates import JAPAN, japan_today
from website.demo import demo_image
from website.models import Forum

from .models import (
    EventIndexPage,
    EventKind,
    EventPage,
    EventReportPhoto,
    Registration,
    prefecture_in_address,
)

INDEX_INTRODUCTION = (
    "全国フォーラム・地方フォーラムが開催するワークショップ講座、ピッチイベント、"
    "マッチングイベント、シンポジウム、市民参画イベントなどをご案内します。"
    "どなたでも参加できるイベントも多数あります。"
)


def at(day, hour=0, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=JAPAN)


def d(text):
    return datetime.date.fromisoformat(text)


# slug, title, forum, kind, start date, (start h, m), end date, (end h, m) or None for
# all-day, attendance, venue, address and municipality (the prefecture is the address's),
# summary, participants, report, extra fields. The body is the programme and "details", never
# the summary again (the page shows the summary as its lead).
FY2021_EVENTS = [
    {
        "slug": "2021-meijo-university-lecture",
        "title": "名城大学との連携講義「インフラメンテナンスの最前線」",
        "forum": "chubu",
        "kind": "seminar",
        "start": at(d("2021-06-08"), 13, 10),
        "end": at(d("2021-06-08"), 14, 40),
        "attendance": "in_person",
        "venue_name": "名城大学 天白キャンパス",
        "venue_address": "愛知県名古屋市天白区塩釜口1-501",
        "municipality": "名古屋市天白区",
        "audience": "名城大学の学生",
        "summary": "中部フォーラムの会員企業と自治体の技術者が、土木を学ぶ学生に点検・補修の現場を紹介する連携講義です。",
        "participants": 118,
        "report": "点検ロボットや補修材料の実物を交えた講義に、118名の学生が参加しました。就職先としての維持管理の仕事に関心を持つ声が多く寄せられました。",
    },
    {
        "slug": "2021-kinki-forum",
        "title": "インフラメンテナンス国民会議 近畿本部フォーラム2021",
        "forum": "kinki",
        "kind": "forum",
        "start": at(d("2021-07-01"), 13, 0),
        "end": at(d("2021-07-02"), 17, 0),
        "attendance": "hybrid",
        "venue_name": "花博記念公園鶴見緑地 ハナミズキホール",
        "venue_address": "大阪府大阪市鶴見区緑地公園2-163",
        "municipality": "大阪市鶴見区",
        "online_url": "https://example.jp/kinki-forum-2021/online/",
        "online_url_visibility": "public",
        "audience": "自治体職員、企業・団体の方、学生、一般の方",
        "summary": "近畿の自治体・企業・大学が集い、インフラメンテナンスの技術と取組を紹介する2日間のフォーラムです。オンライン会場は2022年6月30日まで公開します。",
        "participants": 420,
        "report": "会場とオンラインをあわせて420名が参加しました。技術展示には28の企業・団体が出展し、自治体職員と企業の個別相談が活発に行われました。オンライン会場は2022年6月30日まで公開しています。",
        "image": True,
        "photos": ["技術展示の様子", "パネルディスカッション"],
        "programme": [
            ("7月1日 13:00〜13:15", "開会挨拶", "近畿本部 本部長"),
            ("13:15〜14:30", "基調講演「これからのインフラメンテナンス」", "大学教授"),
            ("14:45〜17:00", "技術展示・個別相談", "出展企業・団体"),
            ("7月2日 10:00〜12:00", "自治体の取組紹介", "近畿の自治体職員"),
            ("13:00〜16:30", "パネルディスカッション「産学官民の連携」", ""),
        ],
    },
    {
        "slug": "2021-tokai-concrete-study-1",
        "title": "東海コンクリート診断士会との勉強会（第1回）",
        "forum": "chubu",
        "kind": "seminar",
        "start": at(d("2021-07-16"), 14, 0),
        "end": at(d("2021-07-16"), 17, 0),
        "attendance": "hybrid",
        "venue_name": "ウインクあいち",
        "venue_address": "愛知県名古屋市中村区名駅4-4-38",
        "municipality": "名古屋市中村区",
        "audience": "自治体の技術職員、コンクリート診断士",
        "summary": "コンクリート構造物の劣化の見分け方と、診断結果を補修計画に生かす方法を学ぶ勉強会です。",
        "participants": 64,
        "report": "会場32名、オンライン32名が参加しました。ひび割れ調査の実例をもとに、自治体職員とコンクリート診断士が意見を交わしました。",
    },
    {
        "slug": "2021-kodomo-kasumigaseki",
        "title": "こども霞が関見学デー「インフラメンテナンスを体験しよう」",
        "forum": "citizen-participation",
        "kind": "citizen",
        "start": at(d("2021-08-04")),
        "end": at(d("2021-08-05")),
        "all_day": True,
        "attendance": "online",
        "online_url": "https://example.jp/kodomo-kasumigaseki-2021/",
        "online_url_visibility": "public",
        "audience": "小学生とその保護者",
        "summary": "夏休みの小学生に、橋やトンネルを守る仕事をオンラインで体験してもらう催しです。",
        "participants": 350,
        "report": "オンラインで350名の親子が参加しました。点検ハンマーの音の聞き分けクイズや、ドローン点検の映像が好評でした。",
        "image": True,
    },
    {
        "slug": "2021-kinki-field-trial-drone",
        "title": "実証実験：ドローンによる橋梁点検の現場試行",
        "forum": "kinki",
        "kind": "field-trial",
        "start": at(d("2021-08-24"), 10, 0),
        "end": at(d("2021-08-24"), 15, 0),
        "attendance": "in_person",
        "venue_name": "堺市内の市道橋",
        "venue_address": "大阪府堺市堺区南瓦町3-1",
        "municipality": "堺市堺区",
        "audience": "自治体職員、参加企業（関係者のみ）",
        "summary": "マッチングで選ばれた企業のドローン点検技術を、市道橋で試行します。",
        "participants": 24,
        "report": "桁下の狭い空間での飛行と画像取得を試行しました。従来の近接目視と比べた点検時間や精度を、市と企業で検証しています。",
    },
    {
        "slug": "2021-overseas-domestic-seminar",
        "title": "海外展開国内セミナー「アジアのインフラ維持管理市場」",
        "forum": "overseas",
        "kind": "seminar",
        "start": at(d("2021-08-26"), 14, 0),
        "end": at(d("2021-08-26"), 16, 30),
        "attendance": "online",
        "audience": "海外展開に関心のある企業",
        "summary": "アジア各国のインフラ維持管理の需要と、日本企業の参入事例を紹介するオンラインセミナーです。",
        "participants": 182,
        "report": "182名が参加しました。現地の制度や発注の仕組みについての質問が多く、冬の海外セミナーにつなげます。",
    },
    {
        "slug": "2021-kyushu-consultation",
        "title": "よろず相談会（インフラメンテナンスの困りごと相談）",
        "forum": "kyushu",
        "kind": "consultation",
        "start": at(d("2021-09-07"), 13, 0),
        "end": at(d("2021-09-07"), 17, 0),
        "attendance": "hybrid",
        "venue_name": "福岡市内の会議室",
        "venue_address": "福岡県福岡市博多区博多駅東2-10-7",
        "municipality": "福岡市博多区",
        "audience": "九州の自治体職員",
        "summary": "維持管理の困りごとを、会員企業や有識者に気軽に相談できる会です。九州フォーラムでは随時受け付けています。",
        "participants": 12,
        "report": "6つの自治体から12名が相談に訪れ、点検データの管理や小規模な橋の補修方法について助言しました。",
    },
    {
        "slug": "2021-kanto-technical-seminar",
        "title": "関東フォーラム 技術セミナー（第1回）",
        "forum": "kanto",
        "kind": "seminar",
        "start": at(d("2021-09-09"), 13, 30),
        "end": at(d("2021-09-09"), 16, 30),
        "attendance": "hybrid",
        "venue_name": "大宮ソニックシティ",
        "venue_address": "埼玉県さいたま市大宮区桜木町1-7-5",
        "municipality": "さいたま市大宮区",
        "audience": "自治体職員、企業の技術者",
        "summary": "新技術の導入事例を、発注した自治体と開発した企業の双方から紹介するセミナーです。",
        "participants": 131,
        "report": "会場とオンラインで131名が参加しました。導入までの手続きや費用対効果の説明が参考になったとの声が寄せられました。",
    },
    {
        "slug": "2021-needs-workshop-1-1",
        "title": "官民ニーズ課題解決ワークショップ（第1期・第1回）",
        "forum": "engineer-training",
        "kind": "workshop",
        "start": at(d("2021-09-15"), 13, 0),
        "end": at(d("2021-09-15"), 17, 0),
        "attendance": "hybrid",
        "venue_name": "事務局会議室",
        "venue_address": "東京都千代田区霞が関2-1-3",
        "municipality": "千代田区",
        "audience": "自治体と企業の若手技術者",
        "summary": "自治体が抱える維持管理の課題（ニーズ）に、官民の若手技術者がチームで解決策を考えるワークショップ講座です。",
        "participants": 32,
        "report": "5つの自治体から出された課題に、8チーム32名が取り組みました。第2回では各チームの解決策を発表します。",
        "image": True,
    },
    {
        "slug": "2021-kinki-9th-forum",
        "title": "近畿本部 第9回フォーラム",
        "forum": "kinki",
        "kind": "forum",
        "start": at(d("2021-09-22"), 13, 30),
        "end": at(d("2021-09-22"), 16, 30),
        "attendance": "hybrid",
        "venue_name": "大阪府立国際会議場（グランキューブ大阪）",
        "venue_address": "大阪府大阪市北区中之島5-3-51",
        "municipality": "大阪市北区",
        "audience": "会員、自治体職員",
        "summary": "近畿本部の活動報告と、マッチングの成果を共有するフォーラムです。",
        "participants": 148,
        "report": "148名が参加しました。マッチングが成立した3件の取組が報告され、現場試行の計画も紹介されました。",
    },
    {
        "slug": "2021-needs-workshop-1-2",
        "title": "官民ニーズ課題解決ワークショップ（第1期・第2回）",
        "forum": "engineer-training",
        "kind": "workshop",
        "start": at(d("2021-10-13"), 13, 0),
        "end": at(d("2021-10-13"), 17, 0),
        "attendance": "hybrid",
        "venue_name": "事務局会議室",
        "venue_address": "東京都千代田区霞が関2-1-3",
        "municipality": "千代田区",
        "audience": "自治体と企業の若手技術者",
        "summary": "第1回で考えた解決策を各チームが発表し、課題を出した自治体と講評し合います。",
        "participants": 30,
        "report": "8チームが発表し、2件の提案について自治体が現場での試行を検討することになりました。",
    },
    {
        "slug": "2021-tohoku-matching-koriyama",
        "title": "技術マッチングイベント in 郡山",
        "forum": "tohoku",
        "kind": "matching",
        "start": at(d("2021-10-19"), 13, 0),
        "end": at(d("2021-10-19"), 17, 0),
        "attendance": "in_person",
        "venue_name": "ビッグパレットふくしま",
        "venue_address": "福島県郡山市南2-52",
        "municipality": "郡山市",
        "audience": "東北の自治体職員、企業",
        "summary": "自治体のニーズと企業の技術（シーズ）を引き合わせるマッチングイベントです。",
        "participants": 86,
        "report": "18の自治体と21社が参加し、個別面談は42件にのぼりました。うち5件でマッチングの検討が始まっています。",
    },
    {
        "slug": "2021-kyushu-pitch-fukuoka",
        "title": "ピッチイベント in 福岡",
        "forum": "kyushu",
        "kind": "pitch",
        "start": at(d("2021-10-26"), 13, 30),
        "end": at(d("2021-10-26"), 16, 30),
        "attendance": "hybrid",
        "venue_name": "福岡国際会議場",
        "venue_address": "福岡県福岡市博多区石城町2-1",
        "municipality": "福岡市博多区",
        "audience": "自治体職員、企業",
        "summary": "企業が自治体に向けて、維持管理の新技術を5分間で売り込むピッチイベントです。",
        "participants": 112,
        "report": "12社が登壇し、会場とオンラインで112名が参加しました。自治体からの問い合わせが9件寄せられました。",
        "image": True,
    },
    {
        "slug": "2021-kinki-7th-pitch",
        "title": "近畿本部 第7回ピッチイベント",
        "forum": "kinki",
        "kind": "pitch",
        "start": at(d("2021-10-27"), 14, 0),
        "end": at(d("2021-10-27"), 17, 0),
        "attendance": "hybrid",
        "venue_name": "大阪市中央公会堂",
        "venue_address": "大阪府大阪市北区中之島1-1-27",
        "municipality": "大阪市北区",
        "audience": "自治体職員、企業",
        "summary": "近畿の自治体が抱える課題に向けて、企業が技術を提案するピッチイベントです。",
        "participants": 94,
        "report": "10社が登壇しました。参加した自治体の投票で選ばれた3社の技術について、現場試行の調整を進めています。",
    },
    {
        "slug": "2021-hokuriku-4th-forum",
        "title": "北陸フォーラム 第4回フォーラム",
        "forum": "hokuriku",
        "kind": "forum",
        "start": at(d("2021-10-29"), 13, 30),
        "end": at(d("2021-10-29"), 16, 30),
        "attendance": "hybrid",
        "venue_name": "朱鷺メッセ 新潟コンベンションセンター",
        "venue_address": "新潟県新潟市中央区万代島6-1",
        "municipality": "新潟市中央区",
        "audience": "会員、自治体職員",
        "summary": "雪国のインフラを守る技術と、北陸の自治体の取組を紹介するフォーラムです。",
        "participants": 121,
        "report": "121名が参加しました。融雪施設の維持管理や除雪と点検の連携について、活発な意見交換がありました。",
    },
    {
        "slug": "2021-science-agora",
        "title": "サイエンスアゴラ2021 出展「みんなで守ろう、まちのインフラ」",
        "forum": "citizen-participation",
        "kind": "citizen",
        "start": at(d("2021-11-03")),
        "end": at(d("2021-11-07")),
        "all_day": True,
        "attendance": "online",
        "online_url": "https://example.jp/science-agora-2021/",
        "online_url_visibility": "public",
        "audience": "どなたでも",
        "summary": "科学と社会をつなぐ催し「サイエンスアゴラ」に出展し、インフラの老朽化と市民にできることを紹介します。",
        "participants": 610,
        "report": "5日間で610名が出展ページを訪れました。オンライン対話の回では、中高生から「自分の町の橋は大丈夫か」という質問が相次ぎました。",
        "image": True,
    },
    {
        "slug": "2021-hokkaido-symposium",
        "title": "北海道インフラメンテナンス・シンポジウム2021",
        "forum": "hokkaido",
        "kind": "seminar",
        "start": at(d("2021-11-05"), 13, 0),
        "end": at(d("2021-11-05"), 17, 0),
        "attendance": "hybrid",
        "venue_name": "札幌市教育文化会館",
        "venue_address": "北海道札幌市中央区北1条西13丁目",
        "municipality": "札幌市中央区",
        "audience": "どなたでも",
        "summary": "寒冷地のインフラの老朽化と、その対策を考えるシンポジウムです。",
        "participants": 203,
        "report": "203名が参加しました。凍害を受けた橋の補修事例と、小規模自治体の広域連携の取組が紹介されました。",
    },
    {
        "slug": "2021-chugoku-road-patrol",
        "title": "「ちゅうごく」フォーラム 工業高校生による道路パトロール活動",
        "forum": "engineer-training",
        "kind": "citizen",
        "start": at(d("2021-11-10"), 9, 30),
        "end": at(d("2021-11-10"), 15, 0),
        "attendance": "in_person",
        "venue_name": "広島県内の県道",
        "venue_address": "広島県広島市中区基町10-52",
        "municipality": "広島市中区",
        "audience": "工業高校の生徒（関係者のみ）",
        "summary": "工業高校の生徒が道路管理者と一緒に道路パトロールを体験し、点検の大切さを学びます。",
        "participants": 38,
        "report": "工業高校の生徒38名が参加し、舗装のひび割れや標識の傷みを記録しました。生徒の発見した3か所は道路管理者が補修します。",
        "photos": ["道路パトロールの様子"],
    },
    {
        "slug": "2021-okinawa-i-construction",
        "title": "i-Construction講演会",
        "forum": "okinawa",
        "kind": "seminar",
        "start": at(d("2021-11-12"), 14, 0),
        "end": at(d("2021-11-12"), 16, 0),
        "attendance": "hybrid",
        "venue_name": "沖縄県市町村自治会館",
        "venue_address": "沖縄県那覇市旭町116-37",
        "municipality": "那覇市",
        "audience": "自治体職員、建設企業",
        "summary": "ICTを活用した建設・維持管理（i-Construction）の最新事例を紹介する講演会です。",
        "participants": 79,
        "report": "79名が参加しました。3次元点群データを使った点検の事例に関心が集まりました。",
    },
    {
        "slug": "2021-chubu-jsce-course",
        "title": "土木学会 技術講習会「橋梁の点検と診断」",
        "forum": "chubu",
        "kind": "seminar",
        "start": at(d("2021-11-18"), 10, 0),
        "end": at(d("2021-11-18"), 17, 0),
        "attendance": "in_person",
        "venue_name": "名古屋国際会議場",
        "venue_address": "愛知県名古屋市熱田区熱田西町1-1",
        "municipality": "名古屋市熱田区",
        "audience": "自治体・企業の技術者",
        "summary": "土木学会と連携し、橋梁の定期点検と健全性の診断を基礎から学ぶ講習会です。",
        "participants": 142,
        "report": "142名が受講しました。受講者アンケートでは9割が「業務に役立つ」と回答しました。",
    },
    {
        "slug": "2021-kyushu-doboku-day",
        "title": "土木の日 市民参画イベント「はしを調べてみよう」",
        "forum": "kyushu",
        "kind": "citizen",
        "start": at(d("2021-11-20"), 10, 0),
        "end": at(d("2021-11-20"), 15, 0),
        "attendance": "in_person",
        "venue_name": "福岡市科学館",
        "venue_address": "福岡県福岡市中央区六本松4-2-1",
        "municipality": "福岡市中央区",
        "audience": "小学生とその家族、一般の方",
        "summary": "11月18日の「土木の日」にちなみ、親子で橋の模型や点検道具にふれる市民参画イベントです。",
        "participants": 156,
        "report": "156名の親子が参加しました。点検ハンマー体験の列は終日途切れず、「土木の仕事をしてみたい」という子どもの声も聞かれました。",
        "image": True,
    },
    {
        "slug": "2021-shikoku-pitch",
        "title": "四国フォーラム ピッチイベント",
        "forum": "shikoku",
        "kind": "pitch",
        "start": at(d("2021-11-25"), 13, 30),
        "end": at(d("2021-11-25"), 16, 30),
        "attendance": "hybrid",
        "venue_name": "サンポートホール高松",
        "venue_address": "香川県高松市サンポート2-1",
        "municipality": "高松市",
        "audience": "自治体職員、企業",
        "summary": "四国の自治体に向けて、企業が維持管理の技術を提案するピッチイベントです。",
        "participants": 68,
    },
    {
        "slug": "2021-social-infra-tech",
        "title": "社会インフラテック2021 出展",
        "forum": "citizen-participation",
        "kind": "citizen",
        "start": at(d("2021-12-08")),
        "end": at(d("2021-12-10")),
        "all_day": True,
        "attendance": "in_person",
        "venue_name": "東京ビッグサイト",
        "venue_address": "東京都江東区有明3-11-1",
        "municipality": "江東区",
        "audience": "どなたでも（入場無料・事前登録制）",
        "summary": "インフラの技術展「社会インフラテック」にブースを出展し、国民会議の活動と市民参画の取組を紹介します。",
        "participants": 1180,
        "report": "3日間で1,180名がブースを訪れました。出前授業の教材の展示には、学校の先生からの問い合わせが寄せられました。",
    },
    {
        "slug": "2021-tokai-concrete-study-2",
        "title": "東海コンクリート診断士会との勉強会（第2回）",
        "forum": "chubu",
        "kind": "seminar",
        "start": at(d("2021-12-10"), 14, 0),
        "end": at(d("2021-12-10"), 17, 0),
        "attendance": "hybrid",
        "venue_name": "ウインクあいち",
        "venue_address": "愛知県名古屋市中村区名駅4-4-38",
        "municipality": "名古屋市中村区",
        "audience": "自治体の技術職員、コンクリート診断士",
        "summary": "補修・補強工法の選び方と、工事後の効果の確かめ方を学ぶ勉強会です。",
        "participants": 58,
        "report": "58名が参加しました。補修後の再劣化の事例から、材料選定と施工管理の要点を確認しました。",
    },
    {
        "slug": "2021-okinawa-technology-matching",
        "title": "沖縄フォーラム 技術マッチング会",
        "forum": "okinawa",
        "kind": "matching",
        "start": at(d("2021-12-14"), 13, 30),
        "end": at(d("2021-12-14"), 16, 30),
        "attendance": "hybrid",
        "venue_name": "沖縄県市町村自治会館",
        "venue_address": "沖縄県那覇市旭町116-37",
        "municipality": "那覇市",
        "audience": "自治体職員、企業",
        "summary": "塩害に悩む沖縄の自治体と、防食・補修技術を持つ企業を引き合わせるマッチング会です。",
        "participants": 45,
        "report": "9の自治体と11社が参加しました。塩害対策の塗装技術について、2件の現場試行を検討しています。",
    },
    {
        "slug": "2021-chugoku-pitch",
        "title": "中国フォーラム ピッチイベント",
        "forum": "chugoku",
        "kind": "pitch",
        "start": at(d("2021-12-16"), 13, 30),
        "end": at(d("2021-12-16"), 16, 30),
        "attendance": "hybrid",
        "venue_name": "広島国際会議場",
        "venue_address": "広島県広島市中区中島町1-5",
        "municipality": "広島市中区",
        "audience": "自治体職員、企業",
        "summary": "第3回ニーズ調査で集めた自治体の課題に向けて、企業が技術を提案するピッチイベントです。",
        "participants": 76,
        "report": "8社が登壇しました。ニーズ調査に回答した自治体のうち7団体が参加し、個別の意見交換を行いました。",
    },
    {
        "slug": "2021-needs-workshop-2-1",
        "title": "官民ニーズ課題解決ワークショップ（第2期・第1回）",
        "forum": "engineer-training",
        "kind": "workshop",
        "start": at(d("2022-01-19"), 13, 0),
        "end": at(d("2022-01-19"), 17, 0),
        "attendance": "online",
        "audience": "自治体と企業の若手技術者",
        "summary": "第2期のワークショップ講座です。オンラインで、自治体の課題にチームで取り組みます。",
        "participants": 28,
        "report": "オンラインで7チーム28名が参加しました。",
    },
    {
        "slug": "2021-overseas-seminar-vietnam",
        "title": "海外セミナー（ベトナム）",
        "forum": "overseas",
        "kind": "seminar",
        "start": at(d("2022-01-20"), 15, 0),
        "end": at(d("2022-01-20"), 17, 30),
        "attendance": "online",
        "audience": "ベトナムの行政・技術者、日本企業",
        "summary": "ベトナムの行政機関・技術者に向けて、日本の点検・補修技術をオンラインで紹介するセミナーです。",
        "participants": 154,
        "report": "ベトナム側から120名、日本側から34名が参加しました。橋梁の長寿命化計画づくりへの協力の要望が寄せられました。",
    },
    {
        "slug": "2021-tohoku-matching-sendai",
        "title": "技術マッチングイベント in 仙台",
        "forum": "tohoku",
        "kind": "matching",
        "start": at(d("2022-01-25"), 13, 0),
        "end": at(d("2022-01-25"), 17, 0),
        "attendance": "hybrid",
        "venue_name": "仙台国際センター",
        "venue_address": "宮城県仙台市青葉区青葉山無番地",
        "municipality": "仙台市青葉区",
        "audience": "東北の自治体職員、企業",
        "summary": "郡山に続く、東北フォーラムの2回目のマッチングイベントです。",
        "participants": 91,
        "report": "91名が参加し、個別面談は35件でした。郡山の回から続く2件の検討が、マッチングの成立に至りました。",
    },
    {
        "slug": "2021-ena-study",
        "title": "恵那市 インフラメンテナンス勉強会",
        "forum": "chubu",
        "kind": "seminar",
        "start": at(d("2022-02-09"), 14, 0),
        "end": at(d("2022-02-09"), 16, 30),
        "attendance": "in_person",
        "venue_name": "恵那市役所",
        "venue_address": "岐阜県恵那市長島町正家1-1-1",
        "municipality": "恵那市",
        "audience": "恵那市と近隣の自治体の職員",
        "summary": "小規模な自治体でも続けられる点検と補修の進め方を、恵那市の職員と一緒に考える勉強会です。",
        "participants": 44,
        "report": "恵那市と近隣4市町の職員44名が参加しました。",
    },
    {
        "slug": "2021-kyushu-pitch-nagasaki",
        "title": "ピッチイベント in 長崎",
        "forum": "kyushu",
        "kind": "pitch",
        "start": at(d("2022-02-15"), 13, 30),
        "end": at(d("2022-02-15"), 16, 30),
        "attendance": "hybrid",
        "venue_name": "出島メッセ長崎",
        "venue_address": "長崎県長崎市尾上町4-1",
        "municipality": "長崎市",
        "audience": "自治体職員、企業",
        "summary": "九州フォーラムのピッチイベントを長崎で開催します。",
        "status": "cancelled",
        "status_note": "まん延防止等重点措置の適用を受け、開催を中止しました。登壇予定の企業の資料は後日公開します。",
    },
    {
        "slug": "2021-needs-workshop-2-2",
        "title": "官民ニーズ課題解決ワークショップ（第2期・第2回）",
        "forum": "engineer-training",
        "kind": "workshop",
        "start": at(d("2022-02-16"), 13, 0),
        "end": at(d("2022-02-16"), 17, 0),
        "attendance": "online",
        "audience": "自治体と企業の若手技術者",
        "summary": "第2期の各チームが解決策を発表し、課題を出した自治体と講評し合います。",
        "participants": 27,
        "report": "7チームが発表しました。優秀提案の2件は、次年度に自治体で試行する予定です。",
    },
    {
        "slug": "2021-kanto-technical-seminar-2",
        "title": "関東フォーラム 技術セミナー（第2回）",
        "forum": "kanto",
        "kind": "seminar",
        "start": at(d("2022-03-03"), 13, 30),
        "end": at(d("2022-03-03"), 16, 30),
        "attendance": "online",
        "audience": "自治体職員、企業の技術者",
        "summary": "下水道と道路の維持管理のデジタル化をテーマに、関東の自治体の事例を紹介するセミナーです。",
        "participants": 117,
        "report": "オンラインで117名が参加しました。",
    },
    {
        "slug": "2021-kosen-infra-techcon",
        "title": "高専インフラテクコン2021 最終審査会",
        "forum": "citizen-participation",
        "kind": "pitch",
        "start": at(d("2022-03-05"), 13, 0),
        "end": at(d("2022-03-05"), 17, 0),
        "attendance": "online",
        "online_url": "https://example.jp/kosen-techcon-2021/live/",
        "online_url_visibility": "public",
        "audience": "高専の学生、どなたでも（視聴自由）",
        "summary": "全国の高専生が1年かけて取り組んだ、インフラの課題を解決するアイデアと試作品の最終審査会です。",
        "participants": 164,
        "report": "12チームが発表し、オンラインで164名が視聴しました。",
    },
]


def upcoming_events(today):
    """A few events after today, so the site never looks empty."""
    return [
        {
            "slug": "upcoming-bridge-inspection-workshop",
            "title": "ワークショップ講座「身近な橋の点検を体験しよう」",
            "forum": "citizen-participation",
            "kind": "workshop",
            "start": at(today + datetime.timedelta(days=14), 10, 0),
            "end": at(today + datetime.timedelta(days=14), 12, 0),
            "attendance": "in_person",
            "venue_name": "区民センター 第1会議室",
            "venue_address": "東京都墨田区吾妻橋1-23-20",
            "municipality": "墨田区",
            "audience": "小学4年生以上の方と保護者、一般の方",
            "summary": "点検ハンマーや打音の聞き分けを体験しながら、身近な橋がどのように守られているかを学ぶワークショップ講座です。少人数制です。",
            "registration_mode": "site",
            "capacity": 12,
            "waiting_list_enabled": True,
            "image": True,
            "programme": [
                ("10:00〜10:20", "橋のしくみと、点検の仕事", "市民参画フォーラム"),
                ("10:20〜11:30", "点検ハンマーを使ってみよう（実習）", "会員企業の技術者"),
                ("11:30〜12:00", "ふりかえりと質問", ""),
            ],
        },
        {
            "slug": "upcoming-municipal-dx-seminar",
            "title": "自治体の維持管理をデジタルで：WEB併用セミナー",
            "forum": "municipal-support",
            "kind": "seminar",
            "start": at(today + datetime.timedelta(days=30), 14, 0),
            "end": at(today + datetime.timedelta(days=30), 16, 0),
            "attendance": "hybrid",
            "venue_name": "事務局会議室",
            "venue_address": "東京都千代田区霞が関2-1-3",
            "municipality": "千代田区",
            "online_url": "https://example.jp/webinar/municipal-dx/",
            "online_url_visibility": "participants",
            "audience": "自治体の職員（会場・オンライン）",
            "summary": "点検データの電子化と、限られた人員で維持管理を続ける工夫を、先行する自治体の担当者が紹介します。会場とオンラインのWEB併用で開催します。",
            "registration_mode": "site",
            "capacity": 60,
            "image": True,
            "programme": [
                ("14:00〜14:10", "開会・このセミナーのねらい", "自治体支援フォーラム"),
                (
                    "14:10〜15:00",
                    "事例紹介「点検調書をタブレットで記録し、台帳と写真をひとつに」",
                    "先行する市の道路管理担当者",
                    "導入の手順と費用、点検から補修計画までの職員の手間がどう変わったかをお話しします。",
                ),
                (
                    "15:00〜15:50",
                    "意見交換「少ない人数で続けるには」",
                    "",
                    "会場からも、オンラインのチャットからも質問できます。お申し込みの際、連絡事項の欄に聞いてみたいことをお書きください。",
                ),
                ("15:50〜16:00", "閉会", ""),
            ],
        },
        {
            "slug": "upcoming-kinki-pitch",
            "title": "近畿本部 ピッチイベント",
            "forum": "kinki",
            "kind": "pitch",
            "start": at(today + datetime.timedelta(days=45), 14, 0),
            "end": at(today + datetime.timedelta(days=45), 17, 0),
            "attendance": "in_person",
            "venue_name": "大阪市中央公会堂",
            "venue_address": "大阪府大阪市北区中之島1-1-27",
            "municipality": "大阪市北区",
            "audience": "自治体職員、企業",
            "summary": "近畿の自治体の課題に向けて、企業が技術を提案します。登壇企業は近畿本部のサイトで募集しています。",
            "details": [
                "近畿の自治体から寄せられた維持管理の課題（小規模な橋の点検、舗装の補修、下水道管の調査）ごとに、企業が1社5分で技術を提案し、課題を出した自治体の職員が質問します。",
                "聴講だけの参加もできます。終了後の交流の時間には、登壇企業と個別にお話しいただけます。",
            ],
            "registration_mode": "external",
            "external_registration_url": "https://example.jp/kinki/pitch/entry/",
        },
        {
            "slug": "upcoming-kyushu-consultation",
            "title": "よろず相談会（福岡）",
            "forum": "kyushu",
            "kind": "consultation",
            "start": at(today + datetime.timedelta(days=21), 13, 0),
            "end": at(today + datetime.timedelta(days=21), 16, 0),
            "attendance": "in_person",
            "venue_name": "福岡市内の会議室",
            "venue_address": "福岡県福岡市博多区博多駅東2-10-7",
            "municipality": "福岡市博多区",
            "audience": "九州の自治体職員",
            "summary": "維持管理の困りごとを、会員企業や有識者に相談できる会です。",
            "details": [
                "点検結果の整理、補修工法の選び方、予算の要求に使う資料づくりなど、日ごろの困りごとをお持ちください。相談は1団体30分ほどで、会員企業の技術者と大学の研究者がお答えします。",
                "何を相談するか決まっていなくてもかまいません。点検調書や写真があれば、お持ちいただくと話が早く進みます。",
            ],
            "status": "postponed",
            "status_note": "会場の都合により延期します。新しい日程は決まり次第お知らせします。",
        },
        {
            "slug": "upcoming-infra-exploration-day",
            "title": "市民参画イベント「まちのインフラ探検」",
            "forum": "citizen-participation",
            "kind": "citizen",
            "start": at(today + datetime.timedelta(days=60)),
            "end": at(today + datetime.timedelta(days=61)),
            "all_day": True,
            "attendance": "in_person",
            # One venue, the first day's: the second day's meeting place is in the programme.
            "venue_name": "JR両国駅 東口（1日目の集合場所）",
            "venue_address": "東京都墨田区横網1-3-20",
            "municipality": "墨田区",
            "former_venue": (
                "東京都内の2会場（下のプログラムをご覧ください）",
                "集合：東京都墨田区 両国駅東口（1日目）、東京都江東区 辰巳駅（2日目）",
            ),
            "audience": "どなたでも（小学生は保護者と一緒にご参加ください）",
            "summary": "橋・トンネル・水門など、ふだんは入れないインフラの現場を見学できる2日間の催しです。",
            "programme": [
                (
                    "1日目 10:00〜12:00",
                    "隅田川の水門と排水機場の見学（両国駅東口に集合）",
                    "東京都 建設局",
                ),
                (
                    "1日目 13:30〜15:30",
                    "橋の点検体験（点検ハンマーで音を聞き分けます）",
                    "市民参画フォーラム",
                ),
                (
                    "2日目 10:00〜12:00",
                    "首都高速道路の点検現場の見学（辰巳駅に集合）",
                    "会員企業",
                    "2日目の集合場所は、東京メトロ有楽町線 辰巳駅（東京都江東区辰巳1丁目）の改札前です。",
                ),
                ("2日目 13:30〜15:00", "ふりかえり「まちのインフラを見守るには」", ""),
            ],
        },
    ]


DEMO_REGISTRATIONS = [
    ("山田 花子", "墨田区立小学校 PTA", "hanako.yamada@example.jp", "citizen", 2),
    ("佐藤 一郎", "東京都 建設局", "ichiro.sato@example.jp", "municipality", 1),
    ("鈴木 美咲", "工業大学 土木工学科", "misaki.suzuki@example.jp", "student", 3),
    ("高橋 健", "株式会社メンテナンス技研", "ken.takahashi@example.jp", "company", 1),
]


def ensure_index(home):
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = EventIndexPage(
            title="イベント", slug="events", show_in_menus=True, introduction=INDEX_INTRODUCTION
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


NOT_FIELDS = {"forum", "kind", "image", "photos", "programme", "details", "report", "former_venue"}


def demo_body(spec):
    """The body adds to the summary (shown above it as the lead): the programme, or paragraphs
    of details; nothing if the demo has no more to say."""
    body = (
        [("paragraph", "".join(f"<p>{text}</p>" for text in spec["details"]))]
        if spec.get("details")
        else []
    )
    if spec.get("programme"):
        items = [
            {"time": time, "title": title, "speaker": speaker, "description": "".join(note)}
            for time, title, speaker, *note in spec["programme"]
        ]
        body.append(("programme", {"heading": "プログラム", "items": items}))
    return body


def build_event(spec, kinds, forums):
    fields = {key: value for key, value in spec.items() if key not in NOT_FIELDS}
    event = EventPage(**fields)
    event.kind = kinds[spec["kind"]]
    event.forum = forums[spec["forum"]]
    if event.has_venue:
        event.prefecture_id = prefecture_in_address(event.venue_address)
    if spec.get("image"):
        event.image = demo_image(f"イベント：{spec['title']}", alt=f"{spec['title']}のイメージ")
    event.body = demo_body(spec)
    is_past = event.start < timezone.now()
    if is_past and spec.get("participants") and event.status == EventPage.Status.SCHEDULED:
        event.held = True
        event.report = f"<p>{spec['report']}</p>" if spec.get("report") else ""
    elif not is_past:
        event.participants = None
    for number, caption in enumerate(spec.get("photos", []), start=1):
        event.report_photos.add(
            EventReportPhoto(
                image=demo_image(f"{spec['title']}の写真{number}", alt=caption),
                caption=caption,
            )
        )
    return event


def ensure_event(index, spec, kinds, forums):
    event = EventPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if event is not None:
        return event, False
    event = build_event(spec, kinds, forums)
    index.add_child(instance=event)
    event.save_revision().publish()
    return event, True


def repeats_summary(event):
    """A body an earlier version of this module made: the summary again, word for word."""
    blocks = list(event.body)
    return (
        len(blocks) == 1
        and blocks[0].block_type == "paragraph"
        and blocks[0].value.source == f"<p>{event.summary}</p>"
    )


def refresh_event(event, spec):
    """A demo event loaded by an earlier version of this module: its venue's prefecture and
    municipality, the one venue of a two-venue event and a body that no longer repeats the
    summary. What editors have changed since is kept."""
    changed = False
    if "former_venue" in spec and (event.venue_name, event.venue_address) == spec["former_venue"]:
        event.venue_name, event.venue_address = spec["venue_name"], spec["venue_address"]
        event.body = demo_body(spec)
        changed = True
    if repeats_summary(event):
        event.body = demo_body(spec)
        changed = True
    if event.has_venue and event.venue_address == spec.get("venue_address"):
        named = prefecture_in_address(event.venue_address)
        if event.prefecture_id is None and named:
            event.prefecture_id = named
            changed = True
        if not event.municipality and spec.get("municipality"):
            event.municipality = spec["municipality"]
            changed = True
    if changed:
        event.save_revision().publish()
    return changed


def keep_upcoming(event, spec):
    """Move a demo event that has meanwhile passed to its date relative to today."""
    if event.is_upcoming():
        return False
    event.start, event.end = spec["start"], spec["end"]
    event.save_revision().publish()
    return True


def ensure_registrations(event):
    for name, affiliation, email, participant_type, people in DEMO_REGISTRATIONS:
        Registration.objects.get_or_create(
            event=event,
            email=email,
            defaults={
                "name": name,
                "affiliation": affiliation,
                "participant_type": participant_type,
                "number_of_people": people,
                "consented_at": timezone.now(),
            },
        )


def load(home, stdout=None):
    index = ensure_index(home)
    kinds = {kind.slug: kind for kind in EventKind.objects.all()}
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    created = refreshed = 0
    for spec in FY2021_EVENTS:
        event, is_new = ensure_event(index, spec, kinds, forums)
        created += is_new
        if not is_new:
            refreshed += refresh_event(event, spec)
    today = japan_today()
    for spec in upcoming_events(today):
        event, is_new = ensure_event(index, spec, kinds, forums)
        created += is_new
        if not is_new:
            refreshed += refresh_event(event, spec)
            keep_upcoming(event, spec)
        if event.registers_here and event.capacity and event.capacity < 20:
            ensure_registrations(event)
    if stdout:
        message = f"イベント：{created} 件を追加しました（既存のものはそのままです）。"
        if refreshed:
            message = (
                f"イベント：{created} 件を追加し、以前の版で作った {refreshed} 件を"
                "今のデモの内容に合わせました。"
            )
        stdout.write(message)
    return index
