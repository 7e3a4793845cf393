"""Demo news: the ニュース index in the menu and news from the forums, drawn from the FY2021
(令和3年度) business plan, plus a few recent items dated relative to today.

Idempotent: the index and each item are found by slug; a second run creates nothing.
"""

import datetime

from django.contrib.auth import get_user_model

from website.dates import JAPAN
from website.demo import demo_image
from website.models import Forum

from .models import NewsCategory, NewsIndexPage, NewsPage, japan_today

CATEGORIES = [
    ("notice", "お知らせ", 10),
    ("report", "開催報告", 20),
    ("press-release", "プレスリリース", 30),
    ("recruitment", "募集", 40),
]

# The generated pictures show a bridge over a landscape, whatever the news is about.
IMAGE_ALT = "川に架かる橋を描いたイメージ画像"

INDEX = {
    "slug": "news",
    "title": "ニュース",
    "introduction": (
        "全国フォーラム・地方フォーラムからのお知らせ、イベントの開催報告、"
        "プレスリリース、参加者や技術の募集をお伝えします。"
    ),
}


def p(*paragraphs):
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def h(text):
    return [("heading", {"text": text, "level": "h2"})]


# FY2021 items follow the events and activities in the plan. "days_ago" items are recent.
NEWS = [
    {
        "slug": "chugoku-needs-survey-2021",
        "date": datetime.date(2021, 5, 12),
        "forum": "chugoku",
        "category": "recruitment",
        "title": "第3回ニーズ調査を開始しました（6月30日まで）",
        "summary": (
            "中国フォーラムは、管内の施設管理者の皆さまを対象に第3回ニーズ調査を始めました。"
            "維持管理で困っていることを「ニーズ調査票」でお寄せください。"
        ),
        "body": p(
            "中国フォーラムでは、インフラという地域の資産を産学官民の連携で守るため、"
            "施設管理者が抱える課題（ニーズ）を集め、民間企業の技術（シーズ）とのマッチングにつなげています。",
            "本日、管内の施設管理者の皆さまへメールで「ニーズ調査票」の作成をお願いしました。"
            "点検の省力化、補修の優先順位付け、担い手の確保など、分野を問わずお寄せください。",
        )
        + h("提出期限")
        + p(
            "2021年6月30日（水）まで。いただいたニーズは、今年度のピッチイベントで"
            "民間企業等によるシーズ技術のプレゼンテーションの題材とします。"
        ),
        "image": "ニュース：中国フォーラム ニーズ調査",
    },
    {
        "slug": "chubu-meijo-university-2021",
        "date": datetime.date(2021, 6, 8),
        "forum": "chubu",
        "category": "report",
        "title": "名城大学の学生にインフラ維持管理の実務を紹介しました",
        "summary": (
            "中部フォーラムは名城大学と連携し、土木を学ぶ学生に自治体と企業の"
            "維持管理の実務を紹介しました。"
        ),
        "body": p(
            "中部フォーラムは、知名度の向上と将来の担い手づくりのため、大学との連携を進めています。"
            "6月8日、名城大学の学生を対象に、橋梁点検や道路の維持管理の実務を紹介しました。",
            "自治体職員からは限られた人員で多くの施設を管理する工夫を、企業会員からは"
            "点検支援技術の現場での使い方を説明し、学生からは活発な質問が寄せられました。",
        ),
        "image": "ニュース：名城大学との連携",
    },
    {
        "slug": "kinki-forum-2021-announcement",
        "date": datetime.date(2021, 6, 15),
        "forum": "kinki",
        "category": "press-release",
        "title": "「インフラメンテナンス国民会議 近畿本部フォーラム2021」を7月1日・2日に開催します",
        "summary": (
            "管理者側の維持管理の課題と民間企業の技術をつなぐ技術展示フォーラムを、"
            "花博記念公園鶴見緑地で開催します。オンライン会場も同時に開設します。"
        ),
        "body": p(
            "近畿本部フォーラムは、持続可能で快適な都市・地域づくりに向け、"
            "管理者側のインフラ維持管理の課題と民間企業の技術とのマッチングを目的とした"
            "技術展示フォーラムを開催します。",
        )
        + h("開催概要")
        + [
            (
                "table",
                {
                    "data": [
                        ["項目", "内容"],
                        ["日時", "2021年7月1日（木）・2日（金）"],
                        [
                            "会場",
                            "花博記念公園鶴見緑地 ハナミズキホール・付属展示場・中央広場（大阪市）",
                        ],
                        ["オンライン会場", "2021年7月1日から2022年6月30日まで公開"],
                        ["参加費", "無料"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "近畿本部フォーラム2021の開催概要",
                },
            )
        ]
        + p("新型コロナウイルス感染症の状況により、内容を変更する場合があります。"),
        "image": "ニュース：近畿本部フォーラム2021",
    },
    {
        "slug": "kinki-forum-2021-report",
        "date": datetime.date(2021, 7, 5),
        "forum": "kinki",
        "category": "report",
        "title": "近畿本部フォーラム2021を開催しました",
        "summary": (
            "7月1日・2日、ハナミズキホールで技術展示フォーラムを開催しました。"
            "オンライン会場では2022年6月30日まで出展技術をご覧いただけます。"
        ),
        "body": p(
            "7月1日・2日の2日間、花博記念公園鶴見緑地のハナミズキホールと付属展示場で"
            "「近畿本部フォーラム2021」を開催しました。自治体の施設管理者と民間企業が、"
            "展示ブースで点検・補修技術について意見を交わしました。",
            "会場に来られなかった方のために、オンライン会場を2022年6月30日まで公開しています。"
            "9月の第9回フォーラムでは、今回寄せられた課題（ニーズ）を民間企業等と共有し、"
            "解決に向けた討議を行う予定です。",
        ),
        "image": "ニュース：近畿本部フォーラム2021 開催報告",
    },
    {
        "slug": "overseas-domestic-seminar-2021",
        "date": datetime.date(2021, 7, 28),
        "forum": "overseas",
        "category": "notice",
        "title": "国内向けインフラメンテナンスセミナーを開催します",
        "summary": (
            "海外市場展開フォーラムは、海外でのインフラメンテナンスの課題や"
            "本邦企業が参入する際の障壁を紹介する国内セミナーを開催します。"
        ),
        "body": p(
            "海外市場展開フォーラムでは、メンバーが関心を持つ国のインフラ老朽化と維持管理の状況、"
            "本邦企業が参入する際の障壁、法制度の調査を進めています。",
            "本セミナーでは、これまでの調査結果とケーススタディの対象施設の選定状況を共有し、"
            "海外展開の支援策について意見交換を行います。冬には相手国の政府やインフラ運営会社に向けた"
            "海外セミナーを予定しています。",
        ),
        "image": "ニュース：海外市場展開フォーラム 国内セミナー",
    },
    {
        "slug": "kodomo-kasumigaseki-day-2021",
        "date": datetime.date(2021, 8, 10),
        "forum": "citizen-participation",
        "category": "report",
        "title": "こども霞が関デーで、インフラの点検を体験するプログラムを行いました",
        "summary": (
            "市民参画フォーラムは、こども霞が関デーに参加し、小学生が橋やトンネルの"
            "点検の仕事を体験するプログラムを行いました。"
        ),
        "body": p(
            "8月上旬の「こども霞が関デー」に、市民参画フォーラムが参加しました。"
            "道路や橋、トンネルなど、ふだん何気なく使っているインフラを誰がどのように守っているのかを、"
            "点検ハンマーを使った打音の聞き分けなどを通して体験してもらいました。",
            "参加した子どもたちからは「橋にも健康診断があるなんて知らなかった」という声が聞かれました。"
            "市民参画フォーラムでは、小学校への出前授業も受け付けています。",
        ),
        "image": "ニュース：こども霞が関デー",
    },
    {
        "slug": "kinki-field-trial-shotcrete-2021",
        "date": datetime.date(2021, 8, 30),
        "forum": "kinki",
        "category": "report",
        "title": "モルタル吹付のり面の空洞調査技術について実証実験を行いました",
        "summary": (
            "ピッチイベントで提案された技術を現場で試す実証実験として、モルタル吹付と地山との"
            "空洞化やラス網の有無を調べる技術を検証しました。"
        ),
        "body": p(
            "近畿本部フォーラムでは、ピッチイベントでのマッチングを現場試行につなげる取組を進めています。"
            "8月、自治体が管理するのり面で、モルタル吹付と地山との間の空洞化や"
            "ラス網の有無を調べる技術の実証実験を行いました。",
            "このほか、水路クラックの補修技術、舗装面から対策できる橋面防水工、"
            "流入水によるマンホール防護材の実証実験を調整しています。",
        ),
        "image": "ニュース：のり面の実証実験",
    },
    {
        "slug": "engineer-workshop-2021-call",
        "date": datetime.date(2021, 9, 1),
        "forum": "engineer-training",
        "category": "recruitment",
        "title": "官民ニーズ課題解決ワークショップの参加者を募集します",
        "summary": (
            "官民の技術者がメンテナンスマネジメントの効率化を一緒に考えるワークショップを、"
            "9月から10月にかけて地方フォーラムと連携して開催します。"
        ),
        "body": p(
            "技術者育成フォーラムは、自治体支援フォーラム・地方フォーラムと連携し、"
            "官民の技術者による課題解決ワークショップを開催します。",
            "包括的民間委託や技術者派遣など、民間のノウハウを活かす仕組みについて、"
            "担い手側に求められる役割や技術を、自治体職員と企業の技術者が同じテーブルで話し合います。",
        )
        + h("対象")
        + p("自治体の土木・維持管理担当の職員、建設コンサルタント・建設会社などの技術者"),
        "image": "ニュース：官民ニーズ課題解決ワークショップ",
    },
    {
        "slug": "tohoku-matching-needs-2021",
        "date": datetime.date(2021, 9, 21),
        "forum": "tohoku",
        "category": "recruitment",
        "title": "郡山・仙台のマッチングイベントに向け、行政会員のニーズを募集します",
        "summary": (
            "東北フォーラムは、郡山と仙台で開くマッチングイベントに向けて、"
            "行政会員の皆さまからインフラの課題をお寄せいただくニーズ調査を行います。"
        ),
        "body": p(
            "東北フォーラムでは、自治体会員が抱える課題の解決に向け、行政会員からのニーズ紹介と、"
            "企業会員からの技術・ノウハウの提案をつなぐマッチングイベントを郡山と仙台で開催します。",
            "当日はメンターによる特別講演も予定しています。フォーラム独自のパンフレットも作成しましたので、"
            "会員の勧誘にご活用ください。",
        ),
        "image": "ニュース：東北フォーラム マッチングイベント",
    },
    {
        "slug": "kyushu-pitch-fukuoka-2021",
        "date": datetime.date(2021, 10, 8),
        "forum": "kyushu",
        "category": "notice",
        "title": "10月26日、福岡でピッチイベントを開催します",
        "summary": (
            "九州フォーラムは、九州建設技術フォーラムと同時に、自治体の課題と民間技術をつなぐ"
            "ピッチイベントを福岡で開催します。"
        ),
        "body": p(
            "九州フォーラムは、地方自治体が抱える維持管理の課題を解決するため、九州各県で"
            "ピッチイベントを開いています。10月26日には九州建設技術フォーラムと同時に、"
            "福岡でマッチングイベントを開催します。",
            "各県の道路メンテナンス会議と連携した「テックシニアーズ」によるよろず相談も、"
            "随時受け付けています。",
        ),
        "image": "ニュース：九州フォーラム ピッチイベント福岡",
    },
    {
        "slug": "hokuriku-4th-forum-2021",
        "date": datetime.date(2021, 10, 29),
        "forum": "hokuriku",
        "category": "report",
        "title": "第4回北陸インフラメンテナンスフォーラムを開催しました",
        "summary": (
            "自治体が抱える課題への理解を深め、人材交流から解決策を見いだすため、"
            "第4回北陸インフラメンテナンスフォーラムを開催しました。"
        ),
        "body": p(
            "北陸フォーラムは2018年3月26日の設立以来、メンテナンス会議などの既存組織と連携しながら、"
            "産学官民で地域のインフラの課題に取り組んでいます。",
            "第4回フォーラムでは、雪国ならではの舗装や橋梁の傷みについて自治体から報告があり、"
            "企業会員や大学の研究者と意見を交わしました。",
        ),
        "image": "ニュース：第4回北陸フォーラム",
    },
    {
        "slug": "science-agora-2021",
        "date": datetime.date(2021, 11, 8),
        "forum": "citizen-participation",
        "category": "report",
        "title": "サイエンスアゴラ2021に出展しました",
        "summary": (
            "市民参画フォーラムは、サイエンスアゴラに出展し、インフラメンテナンスへの"
            "市民参画や行政と市民の協働事例を紹介しました。"
        ),
        "body": p(
            "11月上旬に開かれた「サイエンスアゴラ2021」に市民参画フォーラムが出展しました。",
            "道路の清掃や橋の見守りなど、行政と市民が協働してインフラを守る事例をパネルで紹介し、"
            "来場者の皆さまと「自分たちにできるメンテナンス」について話し合いました。",
        ),
        "image": "ニュース：サイエンスアゴラ2021",
    },
    {
        "slug": "okinawa-i-construction-lecture-2021",
        "date": datetime.date(2021, 11, 15),
        "forum": "okinawa",
        "category": "notice",
        "title": "i-Constructionをテーマに技術講演会を開催します",
        "summary": (
            "沖縄フォーラムは、持続可能な社会経済基盤をテーマに、"
            "i-Constructionについての技術講演会を開催します。"
        ),
        "body": p(
            "沖縄フォーラムでは、民間技術を活かして地方自治体の課題を解決する技術マッチングに取り組んでいます。",
            "今回の講演会では、i-Constructionによる生産性の向上を、持続可能な社会経済基盤と"
            "その活動の観点からお話しいただきます。下半期には、補修・点検技術を屋外で紹介する"
            "マッチングも予定しています。",
        ),
        "image": "ニュース：沖縄フォーラム 技術講演会",
    },
    {
        "slug": "technical-high-school-road-patrol-2021",
        "date": datetime.date(2021, 11, 26),
        "forum": "engineer-training",
        "category": "report",
        "title": "工業高校生による道路パトロール活動を支援しました",
        "summary": (
            "技術者育成フォーラムは、「ちゅうごく」フォーラムが進める工業高校生による"
            "道路パトロール活動を、インフラメンテナンス時代のリーダー育成の取組として支援しました。"
        ),
        "body": p(
            "中国地方では、工業高校の生徒が道路管理者と一緒に道路を歩き、舗装のひび割れや"
            "標識の傷みを見つけて報告する「道路パトロール活動」が行われています。",
            "技術者育成フォーラムは、この取組を地方フォーラムの先進的な事例として支え、"
            "他の地域にも広げていくことをめざしています。",
        ),
        "image": "ニュース：工業高校生の道路パトロール",
    },
    {
        "slug": "infratech-2021-press",
        "date": datetime.date(2021, 12, 1),
        "forum": "municipal-support",
        "category": "press-release",
        "title": "社会インフラテック2021で自治体向けの企画を行います",
        "summary": (
            "自治体支援フォーラムは、12月の社会インフラテック2021で、地方フォーラムや"
            "会員自治体と連携した企画を行います。"
        ),
        "body": p(
            "自治体支援フォーラムは、各地方フォーラム・会員自治体と連携し、"
            "社会インフラテック2021で自治体の課題と取組を紹介する企画を行います。",
            "包括的民間委託や技術者派遣など、人材や予算の限られた自治体を支える仕組みの事例を、"
            "地方フォーラム間で共有する機会とします。",
        ),
        "image": "ニュース：社会インフラテック2021",
    },
    {
        "slug": "ena-city-study-session-2022",
        "date": datetime.date(2022, 2, 18),
        "forum": "chubu",
        "category": "report",
        "title": "恵那市で維持管理の勉強会を開催しました",
        "summary": (
            "中部フォーラムは、自治体支援の一環として、恵那市の職員の皆さまと"
            "インフラの維持管理についての勉強会を開きました。"
        ),
        "body": p(
            "中部フォーラムは、大学・学会・他団体・自治体と連携し、技術講習会や自治体の課題解決の"
            "イベントを展開しています。2月には恵那市で勉強会を開きました。",
            "東海コンクリート診断士会の協力を得て、コンクリート構造物の劣化の見分け方や、"
            "点検結果を補修計画に活かす方法を、現場の写真をもとに学びました。",
        ),
        "image": "ニュース：恵那市 勉強会",
    },
    {
        "slug": "new-technology-guide-revision-2022",
        "date": datetime.date(2022, 3, 31),
        "forum": "innovative-tech",
        "category": "notice",
        "title": "「インフラ維持管理における新技術導入の手引き（案）」の改定に協力しました",
        "summary": (
            "革新的技術フォーラムは、自治体アンケートの結果をもとに、"
            "新技術の導入を後押しする手引きの改善点を議論し、改定に協力しました。"
        ),
        "body": p(
            "令和2年度の自治体アンケートでは、新技術の導入には、手引きや歩掛りの整備、"
            "新技術の情報の充実、国などによる財政支援が必要だという声が多く寄せられました。",
            "革新的技術フォーラムは、自治体支援フォーラムや地方フォーラムと連携し、"
            "「インフラ維持管理における新技術導入の手引き（案）」のブラッシュアップに取り組みました。",
        ),
        "image": "ニュース：新技術導入の手引き",
    },
    {
        "slug": "school-lessons-applications",
        "days_ago": 2,
        "forum": "citizen-participation",
        "category": "recruitment",
        "title": "小学校への出前授業のお申込みを受け付けています",
        "summary": (
            "インフラの大切さと、それを守る仕事を知る出前授業を、小学校に無料でお届けします。"
            "このサイトから日程を選んでお申し込みください。"
        ),
        "body": p(
            "市民参画フォーラムでは、小学生向けの出前授業を行っています。"
            "身近な道路や橋がどのように点検され、守られているのかを、写真や点検の道具を使って学びます。",
            "授業は授業ごとに2〜3校時分です。学年や教科のねらいに合わせて内容を調整します。"
            '<a href="/lessons/">「出前授業」のページ</a>から、空いている日程を選んでお申し込みください。',
        ),
        "image": "ニュース：出前授業の受付",
    },
    {
        "slug": "hokkaido-symposium",
        "days_ago": 9,
        "forum": "hokkaido",
        "category": "report",
        "title": "北海道の地方部でインフラメンテナンスを考えるシンポジウムを開きました",
        "summary": (
            "北海道フォーラムは、地方部の自治体・企業・住民とともに、"
            "人口が減るなかで地域のインフラをどう守るかを考えるシンポジウムを開きました。"
        ),
        "body": p(
            "北海道フォーラムでは、グループごとにテーマを決め、自治体向けのセミナーや"
            "ワークショップ、講演活動を続けています。",
            "今回のシンポジウムでは、広い管内に点在する橋や道路を限られた職員で見守る工夫や、"
            "住民による通報の仕組みについて、自治体と有識者が議論しました。",
        ),
        "image": "ニュース：北海道フォーラム シンポジウム",
    },
    {
        "slug": "shikoku-pitch-proposals",
        "days_ago": 16,
        "forum": "shikoku",
        "category": "recruitment",
        "title": "ピッチイベントで技術を提案していただける企業を募集します",
        "summary": (
            "四国フォーラムは、自治体の課題に対して解決策となる技術を提案していただける"
            "企業会員を募集します。"
        ),
        "body": p(
            "四国フォーラムでは、自治体の課題に対し、民間企業が解決策となる技術を提案し、"
            "議論を深めて支援につなげるピッチイベントを開いています。",
            "今回は、小規模な橋梁の点検の効率化と、排水施設の維持管理がテーマです。"
            "オンラインでも参加できる形で開催します。",
        ),
        "image": "ニュース：四国フォーラム ピッチイベント",
    },
    {
        "slug": "kanto-case-sharing-event",
        "days_ago": 30,
        "forum": "kanto",
        "category": "notice",
        "title": "自治体向けに先行事例を紹介するイベントを開催します",
        "summary": (
            "関東フォーラムは、メンテナンスの新技術で課題を解決した先行事例や"
            "最新の取組を、自治体の皆さまに紹介するイベントを開催します。"
        ),
        "body": p(
            "関東フォーラムでは、これまでに把握した自治体のニーズを踏まえ、"
            "民間技術とのマッチングを進めています。",
            "今回のイベントでは、点検支援技術やデータ活用で成果を上げた先行事例を紹介します。"
            "後半には技術紹介とマッチングの時間を設けます。",
        ),
        "image": "ニュース：関東フォーラム 先行事例紹介",
    },
]

# Issue 17: what 広報部会 reviews, and what the worker publishes tomorrow.
AWAITING = {
    "slug": "2026-kyushu-bridge-citizen-course",
    "title": "九州フォーラム「市民と学ぶ橋の点検講座」を開催しました",
    "summary": "福岡市内の歩道橋で、市民30名が点検ハンマーを手に橋の健康診断を体験しました。",
    "image": "市民と学ぶ橋の点検講座",
    "body": p(
        "九州フォーラムは、福岡市の協力を得て、市民向けの橋の点検講座を開きました。",
        "参加者は打音検査や目視点検を体験し、身近な橋を長く使うための取組を学びました。",
    ),
}
SCHEDULED = {
    "slug": "2026-kyushu-tunnel-tour-notice",
    "title": "九州フォーラム「トンネル点検の現場見学会」参加者募集のお知らせ",
    "summary": "トンネル点検の最新技術を現場で見学する会の参加者を募集します。",
    "image": "トンネル点検の現場見学会",
    "body": p(
        "九州フォーラムは、トンネル点検の現場見学会を開きます。",
        "点検ロボットやドローンを使った最新の点検の様子を、現場で間近に見学できます。",
    ),
}


def ensure_categories():
    categories = {}
    for slug, name, sort_order in CATEGORIES:
        categories[slug], _ = NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": sort_order}
        )
    return categories


def ensure_index(home):
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = NewsIndexPage(show_in_menus=True, **INDEX)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def load(home, stdout=None):
    categories = ensure_categories()
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    index = ensure_index(home)
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    today = japan_today()
    created = 0
    for spec in NEWS:
        if spec["slug"] in existing:
            continue
        date = spec.get("date") or today - datetime.timedelta(days=spec["days_ago"])
        page = NewsPage(
            title=spec["title"],
            slug=spec["slug"],
            date=date,
            forum=forums[spec["forum"]],
            category=categories[spec["category"]],
            summary=spec["summary"],
            image=demo_image(spec["image"], alt=IMAGE_ALT),
            body=spec["body"],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    created += ensure_review_examples(index, forums, categories, today)
    if stdout:
        stdout.write(f"ニュース：{created} 件を追加しました（全 {len(NEWS) + 2} 件）。")
    return index


def ensure_review_examples(index, forums, categories, today):
    """A 九州 news item waiting for 広報部会's approval, and one scheduled for tomorrow 10:00."""
    editor = get_user_model().objects.filter(username="kyushu-editor").first()
    created = 0
    if not NewsPage.objects.child_of(index).filter(slug=AWAITING["slug"]).exists():
        page = NewsPage(
            live=False,
            owner=editor,
            date=today,
            forum=forums["kyushu"],
            category=categories["report"],
            image=demo_image(AWAITING["image"], alt=IMAGE_ALT),
            **{k: AWAITING[k] for k in ("title", "slug", "summary", "body")},
        )
        index.add_child(instance=page)
        page.save_revision(user=editor)
        workflow = page.get_workflow()
        if workflow is not None and editor is not None:
            workflow.start(page, editor)
        created += 1
    if not NewsPage.objects.child_of(index).filter(slug=SCHEDULED["slug"]).exists():
        tomorrow = today + datetime.timedelta(days=1)
        page = NewsPage(
            live=False,
            owner=editor,
            date=tomorrow,
            forum=forums["kyushu"],
            category=categories["notice"],
            image=demo_image(SCHEDULED["image"], alt=IMAGE_ALT),
            go_live_at=datetime.datetime.combine(tomorrow, datetime.time(10), tzinfo=JAPAN),
            **{k: SCHEDULED[k] for k in ("title", "slug", "summary", "body")},
        )
        index.add_child(instance=page)
        page.save_revision(user=editor).publish()  # scheduled: goes live with the worker
        created += 1
    return created
