"""Demo content: the 協働事例 index and case studies of government–citizen collaboration.

Written from the FY2021 plan's aim to "collect cases of government and citizens working
together, introduce them widely and roll out model cases". The places are real; the
activities are illustrative examples for the demo site, not reports of real projects.
Idempotent: pages are found by slug and only created when missing.
"""

import datetime

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from website.dates import JAPAN
from website.demo import demo_image
from website.models import Forum

from .models import (
    CaseStudyGalleryImage,
    CaseStudyIndexPage,
    CaseStudyLink,
    CaseStudyPage,
    CaseStudyParticipant,
    CollaborationForm,
    InfrastructureKind,
)

P = CaseStudyParticipant.Kind
MLIT_MAINTENANCE_URL = "https://www.mlit.go.jp/sogoseisaku/maintenance/"
JSCE_URL = "https://www.jsce.or.jp/"

INDEX = {
    "slug": "cases",
    "title": "協働事例",
    "introduction": (
        "行政と市民が力を合わせてインフラを守る取組みを、全国から集めて紹介します。"
        "地域やインフラの種類、協働の形で絞り込めます。ほかの地域にも広げたい取組みは"
        "「モデル事例」として先頭に掲載しています。"
    ),
}


def day(year, month, day_of_month=1):
    return datetime.date(year, month, day_of_month)


CASES = [
    {
        "slug": "technical-high-school-road-patrol",
        "title": "工業高校生による道路パトロール",
        "prefecture": "34",
        "municipality": "呉市",
        "forum": "chugoku",
        "kinds": ["road"],
        "forms": ["inspection", "learning"],
        "model": True,
        "period": (day(2021, 11), None, "毎年11月に実施"),
        "published": (2021, 12, 10),
        "participants": [
            (P.SCHOOL, "県立工業高等学校 土木科の生徒"),
            (P.GOVERNMENT, "県 建設事務所、市 道路維持担当課"),
            (P.COMPANY, "地元の建設業協会"),
        ],
        "summary": (
            "土木を学ぶ工業高校の生徒が、道路管理者の職員と一緒に市道と県道を歩いて点検し、"
            "舗装のひび割れやガードレールの損傷を記録します。将来の担い手づくりと、"
            "損傷の早期発見を同時に進める取組みです。"
        ),
        "outcomes": (
            "初年度は生徒約40名が参加し、約8kmの区間で舗装のひび割れやポットホールなど27件の"
            "損傷を報告しました。緊急性の高い5件は当月中に補修されました。参加した生徒の約半数が"
            "「インフラの仕事への関心が高まった」と答えています。"
        ),
        "body": [
            (
                "取組みのきっかけ",
                "<p>道路を点検する技術者の高齢化と不足が進むなか、中国フォーラムでは、次の世代に"
                "インフラメンテナンスの仕事を知ってもらう機会づくりを課題としてきました。"
                "授業で学ぶ測量や材料の知識を実際の道路で生かす場として、道路パトロールへの参加を"
                "工業高校に呼びかけました。</p>",
            ),
            (
                "当日の流れ",
                "<ol><li>道路管理者の職員から、点検の目的と安全の心得を学ぶ</li>"
                "<li>班に分かれ、チェックシートとタブレットを持って区間を歩く</li>"
                "<li>損傷を見つけたら写真を撮り、位置と状態を記録する</li>"
                "<li>学校に戻って結果を発表し、職員から講評を受ける</li></ol>",
            ),
        ],
        "gallery": [
            ("道路管理者の職員から点検の手順を聞く生徒たち", "歩道で説明を聞く高校生の班"),
            ("舗装のひび割れを記録する生徒の班", "タブレットで路面を撮影する高校生"),
        ],
        "contact": "インフラメンテナンス国民会議 中国フォーラム 事務局",
        "links": [("インフラメンテナンス情報（国土交通省）", MLIT_MAINTENANCE_URL)],
    },
    {
        "slug": "neighbourhood-bridge-watch",
        "title": "町内会の「橋の見守り隊」",
        "prefecture": "15",
        "municipality": "長岡市",
        "forum": "hokuriku",
        "kinds": ["bridge"],
        "forms": ["inspection", "reporting"],
        "model": True,
        "period": (day(2018, 4), None, "継続中"),
        "published": (2021, 6, 18),
        "participants": [
            (P.CITIZENS, "地区の町内会連合会"),
            (P.SCHOOL, "地元の工業高等専門学校"),
            (P.GOVERNMENT, "市 道路管理課"),
        ],
        "summary": (
            "市が管理する小さな橋は数が多く、職員だけで日頃の変化に気づくのは困難です。"
            "町内会が「橋の見守り隊」をつくり、散歩や通学の見守りのついでに橋を見て、"
            "気づいたことを市に知らせています。"
        ),
        "outcomes": (
            "見守りの対象は地区内の32橋。これまでに高欄のぐらつきや排水ますの詰まりなど"
            "延べ60件以上の情報が寄せられ、5年に1度の定期点検の間の変化を早くつかめるように"
            "なりました。同じ仕組みは市内の3地区に広がっています。"
        ),
        "body": [
            (
                "仕組み",
                "<p>見守り隊は、市がつくった「橋の見守りチェックシート」を使います。専門の知識が"
                "なくても分かるよう、「手すりがぐらつく」「橋の下に土砂がたまっている」など、"
                "目で見て分かる項目に絞りました。気づいたことは町内会長を通じて、写真とともに"
                "市の道路管理課に届きます。</p>",
            ),
            (
                "高専の学生が支える",
                "<p>地元の高専の学生が、チェックシートの見直しや、写真の撮り方の講習を担当して"
                "います。学生にとっても、地域の橋を教材に学ぶ機会になっています。</p>",
            ),
        ],
        "gallery": [
            ("チェックシートを手に橋を見て回る見守り隊", "小さな橋の上でシートに記入する住民"),
            ("高専の学生による写真の撮り方講習", "公民館で説明する学生と住民"),
        ],
        "contact": "長岡市 土木部 道路管理課",
        "links": [],
    },
    {
        "slug": "smartphone-reports-roads-parks",
        "title": "スマートフォンで道路や公園の不具合を知らせる",
        "prefecture": "12",
        "municipality": "千葉市",
        "forum": "kanto",
        "kinds": ["road", "park"],
        "forms": ["reporting"],
        "model": True,
        "period": (day(2014, 9), None, "本格運用中"),
        "published": (2021, 9, 3),
        "participants": [
            (P.CITIZENS, "登録した市民レポーター"),
            (P.GOVERNMENT, "市 市民協働担当、道路・公園の管理担当"),
            (P.COMPANY, "アプリを提供する情報通信企業"),
        ],
        "summary": (
            "道路の穴や公園の壊れた遊具に気づいた市民が、スマートフォンで写真と位置を送ります。"
            "市は担当課に振り分けて対応し、対応の状況を地図上で公開します。"
        ),
        "outcomes": (
            "通報から対応完了までの様子が公開され、市民が結果を確かめられるようになりました。"
            "写真と位置が添えられているため、職員が現場を探す時間が減りました。"
            "市民どうしで解決できる小さな課題（ごみ拾いなど）に取り組む動きも生まれています。"
        ),
        "body": [
            (
                "通報から対応まで",
                "<p>レポートは「受付」「対応中」「対応済み」の段階で地図に表示されます。"
                "市が直接対応しないもの（他の管理者の施設など）も、管理者に伝えたことを"
                "返信します。</p>",
            ),
            (
                "広げるためのポイント",
                "<ul><li>通報だけでなく、対応の結果を必ず返すこと</li>"
                "<li>職員の負担が増えないよう、担当課への振り分けを決めておくこと</li>"
                "<li>個人を特定できる写真は公開しないこと</li></ul>",
            ),
        ],
        "gallery": [
            ("歩道の段差をスマートフォンで撮影する市民", "歩道でスマートフォンを構える市民"),
            ("対応状況を示す地図の画面", "地図上に通報の印が並ぶ画面"),
        ],
        "contact": "千葉市 市民局 市民協働担当",
        "links": [],
    },
    {
        "slug": "riverbank-adoption",
        "title": "堤防を受け持つ河川アダプト活動",
        "prefecture": "21",
        "municipality": "各務原市",
        "forum": "chubu",
        "kinds": ["river"],
        "forms": ["cleaning"],
        "model": False,
        "period": (None, None, "2015年から継続（年3回）"),
        "published": (2021, 7, 20),
        "participants": [
            (P.CITIZENS, "沿川の自治会"),
            (P.COMPANY, "地元企業の社員ボランティア"),
            (P.GOVERNMENT, "県 土木事務所"),
        ],
        "summary": (
            "川沿いの自治会と地元企業が県と協定を結び、堤防の区間を「里親」として受け持って、"
            "清掃と草刈りを行っています。県は用具の貸し出しと刈った草の回収を担います。"
        ),
        "outcomes": (
            "受け持ち区間は約2.5km。年3回の活動に毎回100名前後が参加しています。"
            "ごみの不法投棄が減ったほか、草に隠れていた堤防の亀裂を住民が見つけて県に"
            "知らせ、出水期の前に補修できたこともありました。"
        ),
        "body": [
            (
                "協定の内容",
                "<p>自治会・企業と県は、活動の区間と回数、用具の貸し出し、けがへの備え（保険）を"
                "定めた協定を結んでいます。活動の区間には、受け持つ団体の名前を書いた看板を"
                "立てています。</p>",
            ),
        ],
        "gallery": [
            ("堤防の草刈りに集まった住民と社員ボランティア", "堤防の斜面で草を刈る人たち"),
            ("受け持ち区間を示す看板", "堤防の上に立つ活動団体の看板"),
        ],
        "contact": "岐阜県 土木事務所 河川担当",
        "links": [],
    },
    {
        "slug": "pupils-learn-tunnel-inspection",
        "title": "小学生がトンネルの点検を体験",
        "prefecture": "03",
        "municipality": "釜石市",
        "forum": "citizen-participation",
        "kinds": ["tunnel", "road"],
        "forms": ["learning"],
        "model": False,
        "period": (day(2021, 10, 14), day(2021, 10, 14), ""),
        "published": (2021, 10, 29),
        "participants": [
            (P.SCHOOL, "市立小学校の4年生"),
            (P.COMPANY, "建設コンサルタント会社"),
            (P.GOVERNMENT, "国の道路管理事務所"),
        ],
        "summary": (
            "小学生向けの出前授業として、供用前の道路トンネルで点検を体験しました。"
            "打音検査のハンマーを手に、技術者がどのようにトンネルの健康を確かめているかを"
            "学びました。"
        ),
        "outcomes": (
            "4年生38名が参加しました。授業後のふりかえりでは、「トンネルにも健康診断がある」"
            "「音で中の様子が分かるのに驚いた」といった声が多く寄せられました。"
            "学校は翌年度も総合的な学習の時間で続けることを決めています。"
        ),
        "body": [
            (
                "授業の内容",
                "<p>教室で、トンネルのつくりと点検の目的を学んだあと、現地で打音検査と"
                "ひび割れの観察を体験しました。最後に、見つけたことを班ごとに"
                "「トンネルのカルテ」にまとめました。</p>",
            ),
        ],
        "gallery": [
            ("打音検査を体験する小学生", "ハンマーでトンネルの壁をたたく子ども"),
            ("トンネルのカルテをまとめる班", "模造紙に書き込む子どもたち"),
        ],
        "contact": "インフラメンテナンス国民会議 市民参画フォーラム 事務局",
        "links": [("土木学会", JSCE_URL)],
    },
    {
        "slug": "coast-clean-up-and-seawall-watch",
        "title": "海岸の清掃と護岸の見守り",
        "prefecture": "39",
        "municipality": "高知市",
        "forum": "shikoku",
        "kinds": ["coast"],
        "forms": ["cleaning", "inspection"],
        "model": False,
        "period": (day(2017, 6), None, "毎月第2日曜日"),
        "published": (2022, 1, 21),
        "participants": [
            (P.NPO, "海岸環境の保全に取り組むNPO法人"),
            (P.CITIZENS, "地元のサーフィン愛好会"),
            (P.OTHER, "漁業協同組合"),
            (P.GOVERNMENT, "県 港湾・海岸担当課"),
        ],
        "summary": (
            "毎月の海岸清掃に合わせて、護岸や消波ブロックの様子を参加者が見て回ります。"
            "波で削られた箇所や、ひびの広がりを写真で県に届けています。"
        ),
        "outcomes": (
            "清掃で集めるごみは年間およそ3トン。見守りで届いた写真から、護岸の基礎が"
            "洗われている箇所が見つかり、台風期の前に対策工事が行われました。"
        ),
        "body": [
            (
                "海をよく知る人たちの目",
                "<p>サーフィン愛好会や漁協の人たちは、毎日のように海を見ています。"
                "わずかな変化にも気づくその目を、護岸の維持管理に生かそうと始まりました。</p>",
            ),
        ],
        "gallery": [
            ("海岸清掃に集まった参加者", "砂浜でごみを拾う人たち"),
            ("護岸のひびを確かめる参加者", "コンクリートの護岸を見る人"),
        ],
        "contact": "高知県 港湾・海岸担当課",
        "links": [],
    },
    {
        "slug": "park-benches-repaired-by-residents",
        "title": "公園のベンチやさくを住民の手で補修",
        "prefecture": "27",
        "municipality": "堺市",
        "forum": "kinki",
        "kinds": ["park"],
        "forms": ["minor-repair", "cleaning"],
        "model": True,
        "period": (day(2019, 4), None, ""),
        "published": (2021, 8, 6),
        "participants": [
            (P.CITIZENS, "公園愛護会"),
            (P.COMPANY, "地元の造園業協会"),
            (P.GOVERNMENT, "市 公園管理事務所"),
        ],
        "summary": (
            "公園愛護会の住民が、市の研修を受けたうえで、ベンチの塗り直しやさくの小さな補修を"
            "行っています。危険を伴う作業や遊具の構造に関わる補修は、これまでどおり市と"
            "専門業者が担います。"
        ),
        "outcomes": (
            "3年間で12の公園のベンチ48基を塗り直し、費用は材料費だけで済みました。"
            "住民の愛着が高まり、落書きやごみのポイ捨てが目に見えて減っています。"
            "市は作業の手引きをつくり、ほかの愛護会にも広げています。"
        ),
        "body": [
            (
                "住民ができること、市がすること",
                {
                    "data": [
                        ["担い手", "受け持つ作業"],
                        ["住民（公園愛護会）", "清掃、ベンチ・さくの塗装、ぐらつきの報告"],
                        ["市・専門業者", "遊具の点検と補修、高い所の作業、構造に関わる補修"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": True,
                    "table_caption": "役割の分担",
                },
            ),
            (
                "研修と安全",
                "<p>作業の前に、造園業協会の職人が塗装の下地処理や道具の使い方を教えます。"
                "市はボランティア保険に加入し、塗料や刷毛を支給しています。</p>",
            ),
        ],
        "gallery": [
            ("ベンチを塗り直す公園愛護会の住民", "公園のベンチにペンキを塗る人たち"),
            ("造園業協会の職人による研修", "職人が住民に刷毛の使い方を教える様子"),
        ],
        "contact": "堺市 公園管理事務所",
        "links": [("インフラメンテナンス情報（国土交通省）", MLIT_MAINTENANCE_URL)],
    },
    {
        "slug": "sabo-dam-tour-and-watch",
        "title": "砂防えん堤の見学会と地域の見守り",
        "prefecture": "46",
        "municipality": "鹿児島市",
        "forum": "kyushu",
        "kinds": ["sabo"],
        "forms": ["learning", "inspection"],
        "model": False,
        "period": (None, None, "2016年から毎年6月（土砂災害防止月間）"),
        "published": (2021, 6, 30),
        "participants": [
            (P.CITIZENS, "地区の自主防災組織"),
            (P.SCHOOL, "市立中学校"),
            (P.GOVERNMENT, "国の砂防事務所、市 危機管理担当"),
        ],
        "summary": (
            "土砂災害防止月間に合わせて、住民と中学生が砂防えん堤を見学し、働きと点検の"
            "方法を学びます。見学のあとは、大雨のあとに地域で気をつける場所を確かめます。"
        ),
        "outcomes": (
            "見学会には毎年60名ほどが参加しています。自主防災組織が大雨のあとに渓流を"
            "見回る取決めができ、流木のたまりなどの情報が砂防事務所に届くようになりました。"
        ),
        "body": [
            (
                "見学会の内容",
                "<p>砂防事務所の職員が、えん堤が土石流をせき止めるしくみと、点検で見る箇所を"
                "説明します。中学生は、学んだことを防災マップにまとめ、文化祭で発表しました。</p>",
            ),
        ],
        "gallery": [
            ("砂防えん堤を見学する住民と中学生", "えん堤を見上げる見学者"),
            ("防災マップをまとめる中学生", "地図に書き込む中学生"),
        ],
        "contact": "インフラメンテナンス国民会議 九州フォーラム 事務局",
        "links": [],
    },
    {
        "slug": "sewer-manhole-cleaning-and-tour",
        "title": "マンホールの清掃と下水道の見学会",
        "prefecture": "01",
        "municipality": "札幌市",
        "forum": "hokkaido",
        "kinds": ["water-sewer"],
        "forms": ["cleaning", "learning"],
        "model": False,
        "period": (day(2019, 7), None, "毎年7月"),
        "published": (2021, 8, 27),
        "participants": [
            (P.CITIZENS, "町内会"),
            (P.COMPANY, "下水道の維持管理会社"),
            (P.GOVERNMENT, "市 下水道担当部局"),
        ],
        "summary": (
            "町内会の住民が、通りのマンホールのふたや雨水ますのごみを取り除き、"
            "そのあと下水処理場を見学します。ふだん見えない下水道を身近に感じてもらう"
            "取組みです。"
        ),
        "outcomes": (
            "毎年約80名が参加し、雨水ますの詰まりが原因の道路の冠水が減りました。"
            "見学会の感想から、油を流さない・ごみを流さないといった家庭での心がけが"
            "広がっています。"
        ),
        "body": [
            (
                "見えないインフラを知る",
                "<p>下水道は地下にあり、ふだん目にすることはありません。維持管理会社の"
                "技術者が、管の中を調べるカメラの映像を見せながら、老朽化した管の"
                "状態と点検の方法を説明します。</p>",
            ),
        ],
        "gallery": [
            ("雨水ますのごみを取り除く住民", "道路脇の雨水ますを掃除する人たち"),
            ("下水処理場の見学", "処理施設の前で説明を聞く参加者"),
        ],
        "contact": "札幌市 下水道担当部局",
        "links": [],
    },
    {
        "slug": "port-future-workshop",
        "title": "港の将来を話し合う市民ワークショップ",
        "prefecture": "47",
        "municipality": "那覇市",
        "forum": "okinawa",
        "kinds": ["port"],
        "forms": ["planning", "learning"],
        "model": False,
        "period": (day(2021, 9), day(2022, 2), "全4回"),
        "published": (2022, 3, 4),
        "participants": [
            (P.CITIZENS, "港周辺の通り会・自治会"),
            (P.UNIVERSITY, "県内の大学の研究室"),
            (P.COMPANY, "港湾関係企業"),
            (P.GOVERNMENT, "県・市の港湾担当"),
        ],
        "summary": (
            "老朽化した岸壁や上屋の更新を前に、港を使う人と周辺の住民が、港の使い方と"
            "維持管理の優先順位を話し合いました。オンライン参加も併用しました。"
        ),
        "outcomes": (
            "4回のワークショップに延べ120名が参加し、「日常の点検に地元の事業者が協力する」"
            "「親水空間として開放する区画を設ける」などの提案をまとめ、港の維持管理計画に"
            "反映されることになりました。"
        ),
        "body": [
            (
                "進め方",
                "<p>第1回は港の歴史と施設の現状を学び、第2回は現地を歩いて気づきを共有しました。"
                "第3回・第4回で提案をまとめ、県と市に手渡しました。会場とオンラインの"
                "両方から参加できるようにしました。</p>",
            ),
        ],
        "gallery": [
            ("港の施設を歩いて見て回る参加者", "岸壁を歩く参加者の列"),
            ("提案をまとめるグループ討議", "付箋を貼った模造紙を囲む参加者"),
        ],
        "contact": "インフラメンテナンス国民会議 沖縄フォーラム 事務局",
        "links": [],
    },
    {
        "slug": "community-hall-inspection",
        "title": "公民館の点検に地域の住民が参加",
        "prefecture": "40",
        "municipality": "北九州市",
        "forum": None,
        "kinds": ["building"],
        "forms": ["inspection", "planning"],
        "model": False,
        "period": (day(2020, 10), None, ""),
        "published": (2021, 11, 12),
        "participants": [
            (P.CITIZENS, "校区のまちづくり協議会"),
            (P.COMPANY, "地元の設備業協会"),
            (P.GOVERNMENT, "市 公共施設マネジメント担当"),
        ],
        "summary": (
            "公民館を使う住民が、設備業協会の技術者と一緒に、雨漏りの跡や手すりのぐらつき"
            "などを点検します。結果は、施設の修繕の優先順位を話し合う材料になります。"
        ),
        "outcomes": (
            "2年間で校区内の公民館6館を点検しました。利用者の目線で見つかった"
            "段差や照明の不具合が、修繕計画に取り入れられました。"
        ),
        "body": [
            (
                "使う人が点検に加わる意味",
                "<p>建物の不具合は、毎日使う人がいちばんよく知っています。点検の結果を"
                "住民と市が一緒に見ることで、限られた予算の使い道を話し合いやすくなりました。</p>",
            ),
        ],
        "gallery": [
            ("公民館の外壁を点検する住民と技術者", "建物の外壁を見上げる人たち"),
            ("点検結果を話し合う会", "机を囲んで話し合う住民"),
        ],
        "contact": "北九州市 公共施設マネジメント担当",
        "links": [],
    },
    {
        "slug": "irrigation-channel-maintenance",
        "title": "集落総出の用水路の泥上げと補修",
        "prefecture": "16",
        "municipality": "砺波市",
        "forum": "hokuriku",
        "kinds": ["other", "river"],
        "forms": ["cleaning", "minor-repair"],
        "model": False,
        "period": (None, None, "毎年春（4月）に実施"),
        "published": (2021, 5, 14),
        "participants": [
            (P.CITIZENS, "集落の住民と土地改良区"),
            (P.SCHOOL, "地元の高校の生徒"),
            (P.GOVERNMENT, "市 農地林務担当"),
        ],
        "summary": (
            "田植え前の春に、集落の住民が総出で用水路の泥を上げ、壊れた水路の板や"
            "柵を直します。担い手が減るなか、地元の高校生も加わるようになりました。"
        ),
        "outcomes": (
            "毎年約150名が参加し、延長約6kmの用水路を保っています。補修の材料は市の"
            "支援制度で賄い、大きな壊れは土地改良区を通じて専門業者に依頼しています。"
        ),
        "body": [
            (
                "担い手の広がり",
                "<p>高齢化で参加者が減り、続けられるかが課題でした。高校のボランティア部が"
                "加わったことで、若い世代が地域の水路を知るきっかけにもなっています。</p>",
            ),
        ],
        "gallery": [
            ("用水路の泥上げをする住民", "水路の中でスコップを使う人たち"),
            ("水路の柵を直す高校生", "木の柵を取り付ける生徒"),
        ],
        "contact": "砺波市 農地林務担当",
        "links": [],
    },
    {
        "slug": "bridge-plan-with-citizens",
        "title": "橋の長寿命化計画を市民と一緒につくる",
        "prefecture": "04",
        "municipality": "仙台市",
        "forum": "tohoku",
        "kinds": ["bridge"],
        "forms": ["planning"],
        "model": True,
        "period": (day(2020, 6), day(2021, 3), ""),
        "published": (2021, 5, 28),
        "participants": [
            (P.CITIZENS, "公募の市民委員"),
            (P.UNIVERSITY, "大学の研究室"),
            (P.GOVERNMENT, "市 道路保全担当"),
        ],
        "summary": (
            "すべての橋を同じように直し続けることはできません。市は橋の長寿命化計画の"
            "見直しに市民委員を迎え、どの橋を優先して守るか、使われていない橋をどうするかを"
            "一緒に考えました。"
        ),
        "outcomes": (
            "市民委員の意見をもとに、通学路や緊急輸送道路の橋を優先する考え方が計画に"
            "明記されました。利用の少ない2橋は、地域の合意を得て撤去する方針が決まりました。"
        ),
        "body": [
            (
                "話し合いの工夫",
                "<p>大学の研究室が、橋ごとの健全度と利用状況を地図にまとめ、専門用語を"
                "使わずに説明する資料をつくりました。市民委員は現地を見て回り、"
                "地域の暮らしから見た橋の大切さを意見にまとめました。</p>",
            ),
        ],
        "gallery": [
            ("市民委員による橋の現地見学", "橋のたもとで説明を聞く市民委員"),
            ("橋ごとの状態を示す地図を囲む会議", "大きな地図を囲む委員たち"),
        ],
        "contact": "仙台市 道路保全担当",
        "links": [("インフラメンテナンス情報（国土交通省）", MLIT_MAINTENANCE_URL)],
    },
]


def ensure_index(home):
    index = CaseStudyIndexPage.objects.child_of(home).filter(slug=INDEX["slug"]).first()
    if index is None:
        index = CaseStudyIndexPage(
            title=INDEX["title"],
            slug=INDEX["slug"],
            introduction=INDEX["introduction"],
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def body_blocks(heading, content):
    """A heading followed by a paragraph (HTML) or, given a dict, a table."""
    return [
        ("heading", {"text": heading, "level": "h2"}),
        ("table", content) if isinstance(content, dict) else ("paragraph", content),
    ]


def build_case_study(spec):
    photos = [
        (demo_image(f"協働事例：{caption}", alt=alt), caption) for caption, alt in spec["gallery"]
    ]
    start, end, note = spec["period"]
    case = CaseStudyPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        image=photos[0][0],
        prefecture_id=spec["prefecture"],
        municipality=spec["municipality"],
        forum=Forum.objects.filter(slug=spec["forum"]).first() if spec["forum"] else None,
        is_model_case=spec["model"],
        period_start=start,
        period_end=end,
        period_note=note,
        outcomes=spec["outcomes"],
        contact=spec["contact"],
        first_published_at=datetime.datetime(*spec["published"], 10, 0, tzinfo=JAPAN),
        body=[
            block for heading, content in spec["body"] for block in body_blocks(heading, content)
        ],
    )
    case.infrastructure_kinds = list(InfrastructureKind.objects.filter(slug__in=spec["kinds"]))
    case.collaboration_forms = list(CollaborationForm.objects.filter(slug__in=spec["forms"]))
    case.participants = [
        CaseStudyParticipant(kind=kind, name=name) for kind, name in spec["participants"]
    ]
    case.gallery_images = [
        CaseStudyGalleryImage(image=image, caption=caption) for image, caption in photos
    ]
    case.links = [CaseStudyLink(title=title, url=url) for title, url in spec["links"]]
    return case


def ensure_search_promotions(index):
    """検索のおすすめ for 「協働」 and 「協働事例」: the cases say what they did, seldom the word."""
    for query_string in ("協働", "協働事例"):
        SearchPromotion.objects.get_or_create(
            query=Query.get(query_string),
            page=index,
            defaults={
                "description": "行政と市民が力を合わせてインフラを守る取組みの事例です。"
                "地域やインフラの種類、協働の形で探せます。"
            },
        )


def load(home, stdout=None):
    index = ensure_index(home)
    ensure_search_promotions(index)
    existing = set(CaseStudyPage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    for spec in CASES:
        if spec["slug"] in existing:
            continue
        case = build_case_study(spec)
        index.add_child(instance=case)
        case.save_revision().publish()
        created += 1
    if stdout:
        stdout.write(f"協働事例 {len(CASES)} 件を確認しました（新規 {created} 件）。")
    return index
