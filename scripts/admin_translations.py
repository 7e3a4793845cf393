"""Writes website/locale/ja/LC_MESSAGES/django.po: Japanese for admin strings that Wagtail 8's
own Japanese catalogue lacks (issue 17). Edit the table here, run this script, then
`msgfmt -o website/locale/ja/LC_MESSAGES/django.mo website/locale/ja/LC_MESSAGES/django.po`
and the same for djangojs (the compiled .mo files are committed, so nothing else needs gettext).

    .venv/bin/python scripts/admin_translations.py
"""

from pathlib import Path

SINGULAR = {
    # dashboard, lists and filters
    "A network error occurred": "通信エラーが発生しました",
    "Access level": "権限",
    "Actions": "操作",
    "Actions (footer)": "操作（フッター）",
    "Any": "すべて",
    "Anyone": "だれでも",
    "Application": "アプリケーション",
    "Back": "戻る",
    "Bulk actions": "一括操作",
    "Date updated": "更新日時",
    "Edited by": "編集者",
    "Exploring": "ページ一覧",
    "File size: (high to low)": "ファイルサイズ（大きい順）",
    "File size: (low to high)": "ファイルサイズ（小さい順）",
    "Filter by": "絞り込み",
    "First published": "初回公開日時",
    "Grid layout": "グリッド表示",
    "Has child pages": "子ページあり",
    "Last login": "最終ログイン",
    "List layout": "リスト表示",
    "Loading": "読み込み中",
    "Locked by": "ロックした人",
    "Newest": "新しい順",
    "None": "なし",
    "Oldest": "古い順",
    "Page type": "ページの種類",
    "Search all pages…": "すべてのページを検索…",
    "Search…": "検索…",
    "Section": "セクション",
    "Select": "選択",
    "Select all": "すべて選択",
    "Select all images in listing": "一覧の画像をすべて選択",
    "Select all snippets in listing": "一覧のスニペットをすべて選択",
    "Select row": "行を選択",
    "Show disabled": "無効なものも表示",
    "Show filters": "絞り込みを表示",
    "Sort by": "並べ替え",
    "Sort by '%(label)s' in ascending order.": "「%(label)s」の昇順で並べ替え",
    "Sort by '%(label)s' in descending order.": "「%(label)s」の降順で並べ替え",
    "Sort menu order": "メニューの順番を並べ替え",
    "Tag": "タグ",
    "Title: (A -> Z)": "タイトル（昇順）",
    "Title: (Z -> A)": "タイトル（降順）",
    "Usage count": "使用数",
    "Usage count: (high to low)": "使用数（多い順）",
    "Usage count: (low to high)": "使用数（少ない順）",
    "Used by": "使用者",
    "Used on": "使用箇所",
    "View history": "履歴を見る",
    "View latest version": "最新版を見る",
    "More options for '%(title)s'": "「%(title)s」のその他の操作",
    # the menu
    "Aging pages": "長く更新されていないページ",
    "Page types usage": "ページの種類ごとの使用数",
    "Help": "ヘルプ",
    "Editor Guide": "編集者ガイド",
    "Shortcuts": "ショートカット",
    "What's new in Wagtail %(version)s": "Wagtail %(version)s の新機能",
    # users and groups
    "Assign role": "役割を割り当てる",
    "Assign role to selected users": "選んだユーザーに役割を割り当てる",
    "Change the active state for selected users": "選んだユーザーの有効・無効を切り替える",
    "Delete selected users": "選んだユーザーを削除",
    "Set active state": "有効・無効を設定",
    "Edit account avatar": "アカウントのアイコンを変更",
    "account": "アカウント設定",
    # images and the duplicate-image dialog
    "Add selected images to collection": "選んだ画像をコレクションに追加",
    "Add tags to the selected images": "選んだ画像にタグを付ける",
    "Add to collection": "コレクションに追加",
    "Delete selected images": "選んだ画像を削除",
    'Multi-word tags with spaces will automatically be enclosed in double quotes (").': '空白を含むタグは自動で二重引用符（"）で囲まれます。',
    "Please provide an image description to comply with best practices for accessibility.": "読み上げソフトの利用者のために、画像の説明文（代替テキスト）を入力してください。",
    "Upload successful. However, your new image seems to be a duplicate of this existing image. You may delete it if it wasn't required.": "アップロードしました。ただし、既にある次の画像と同じもののようです。不要なら削除してください。",
    # page editor: schedule, privacy, status, autosave, validation
    "Autosave is paused": "自動保存は一時停止中です",
    "Autosave is <span>paused</span>": "自動保存は<span>一時停止中</span>です",
    "Saved": "保存しました",
    "Save changes": "変更を保存",
    "Save your changes before leaving": "移動する前に変更を保存してください",
    "You have <span>unsaved edits</span>": "<span>保存していない変更</span>があります",
    "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version.": "サイトへの接続を確認してから続けてください。最後に保存した内容は、別のタブで編集画面を開くと確認できます。",
    "Correct the validation errors to resume preview (saving will highlight errors)": "入力の誤りを直すとプレビューが再開します（保存すると誤りの箇所が表示されます）",
    "Preview in desktop size": "パソコンの大きさでプレビュー",
    "Preview in mobile size": "スマートフォンの大きさでプレビュー",
    "Preview in new tab": "新しいタブでプレビュー",
    "Preview in tablet size": "タブレットの大きさでプレビュー",
    "Preview is out of date": "プレビューが最新ではありません",
    "Set publishing schedule": "公開の予定を設定",
    "Anyone with editing permissions can create schedules": "予定は、編集できる人ならだれでも設定できます",
    "But only those with publishing permissions can make them effective.": "予定が有効になるのは、公開できる人（承認が必要なページでは広報部会）が公開したときです。",
    "Set schedule": "予定を設定",
    "Save schedule": "予定を保存",
    "No publishing schedule set": "公開の予定はありません",
    "Choose when this page should go live and/or expire": "このページを公開する日時と、公開を終える日時を選んでください",
    "Choose when this %(model_name)s should go live and/or expire": "この%(model_name)sを公開する日時と、公開を終える日時を選んでください",
    'This publishing schedule will only take effect after you select the "Schedule to publish" option': "この予定は「予約公開」を選んだときに有効になります",
    "Change privacy": "公開範囲を変更",
    "Choose who can view the live version of this page": "公開中のこのページを見られる人を選んでください",
    "Not visible to the public": "一般には公開されていません",
    "Once live anyone can view": "公開後はだれでも見られます",
    "Private. Visit the live page": "限定公開。公開中のページを見る",
    "Visible to all": "だれでも見られます",
    "Visible to all. Visit the live page": "だれでも見られます。公開中のページを見る",
    "Status: ": "状態：",
    "Locking: ": "ロック：",
    "Page visibility: ": "公開範囲：",
    "Toggle status": "状態の表示を切り替え",
    "Step %(step_number)s": "ステップ%(step_number)s",
    "Group approval task": "グループによる承認",
    "The name of the page displayed on search engine results as the clickable headline.": "検索エンジンの結果にリンクの見出しとして表示されるページ名です。",
    "Add or show comments": "コメントを追加・表示",
    "Insert or edit a link": "リンクを挿入・編集",
    "Monospace (code)": "等幅（コード）",
    "Strike-through": "取り消し線",
    "Cut": "切り取り",
    "Paste": "貼り付け",
    "Paste without formatting": "書式なしで貼り付け",
    "Text editing": "テキストの編集",
    "Text formatting": "テキストの書式",
    "Close dialog": "ダイアログを閉じる",
    "Close modal dialogs (like this one)": "ダイアログ（この画面など）を閉じる",
    "Report this error to your website administrator with the following information:": "次の情報を添えて、サイトの管理者にこのエラーを知らせてください：",
    # side panels, checks, keyboard shortcuts
    "Checks": "チェック",
    "Content metrics": "コンテンツの指標",
    "How we calculate our metrics": "指標の計算方法",
    "Issues found": "見つかった問題",
    "Show issue": "問題を表示",
    "Minimap": "ミニマップ",
    "Readability": "読みやすさ",
    "Reading time": "読む時間",
    "Words": "語数",
    "This data explained": "このデータについて",
    "We calculate reading time from word count, using different reading speeds for different languages.": "読む時間は語数から、言語ごとの読む速さで計算します。",
    "We extract the main content from the page preview, remove all formatting, and calculate the number of words.": "プレビューから本文を取り出し、書式を除いて語数を数えます。",
    "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score.": "読みやすさは語と文の長さから計算します。長い文や語が多いほど読みにくいと判定されます。",
    'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more information on how content metrics are calculated.': '指標の計算方法は<a href="%(guide_link)s" target="_blank">コンテンツチェックの案内</a>をご覧ください。',
    "Side panel width": "サイドパネルの幅",
    "Side panels": "サイドパネル",
    "Toggle breadcrumbs": "パンくずリストの表示を切り替え",
    "Toggle checks": "チェックの表示を切り替え",
    "Toggle comments": "コメントの表示を切り替え",
    "Toggle minimap": "ミニマップの表示を切り替え",
    "Toggle preview": "プレビューの表示を切り替え",
    "Toggle section": "セクションの表示を切り替え",
    "Toggle side panel": "サイドパネルの表示を切り替え",
    "Toggle sidebar": "サイドバーの表示を切り替え",
    "All keyboard shortcuts": "すべてのキーボードショートカット",
    "Keyboard shortcut": "キーボードショートカット",
    "Keyboard shortcuts": "キーボードショートカット",
    "Show keyboard shortcuts": "キーボードショートカットを表示",
    "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them.": "キーボードショートカットは有効です。無効にするには%(account_link)sで変更してください。",
    "Unpublish selected pages": "選んだページを非公開にする",
    "Maximum": "最大",
    "Minimum": "最小",
    'JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are the <a href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.': '管理画面を使うにはJavaScriptが必要ですが、無効になっています。<br /><a href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">ブラウザでJavaScriptを有効にする方法</a>をご覧ください。',
    # the status side panel and the publish button once a schedule is set
    "Schedule to publish": "予約公開",
    "Scheduling…": "予約しています…",
    "Go-live:": "公開予定日時：",
    "Expiry:": "有効期限：",
    "Edit schedule": "予定を変更",
    "Once scheduled:": "予約すると：",
    "Invalid schedule": "予定が正しくありません",
    "In Moderation": "承認待ち",
    "View details": "詳細を見る",
    "To be created by %(user)s": "%(user)s が作成します",
    "Anyone can edit this %(model_name)s – lock it to prevent others from editing": "この%(model_name)sはだれでも編集できます。ロックすると、ほかの人は編集できなくなります",
    "Anyone can edit this %(model_name)s": "この%(model_name)sはだれでも編集できます",
    "Refresh": "再読み込み",
    "Refreshing…": "再読み込みしています…",
    "This page is locked, by you, to further editing": "このページはあなたがロックしています",
    "Sorry, you cannot create a page at this location.": "この場所にはページを作成できません。",
    "Publishing this page will cancel the current workflow.": "このページを公開すると、進行中のワークフローは取り消されます。",
    "Would you still like to publish this page?": "それでもこのページを公開しますか？",
    "This page was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>.": "このページは<strong>%(workflow)s</strong>の<strong>%(task)s</strong>で修正を依頼されています。",
    "This page is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>.": "このページは<strong>%(workflow)s</strong>の<strong>%(task)s</strong>の段階にあります。",
    # page listings and the page search
    # Without the model's name: the page search passes none, and 「None 2 件中」 showed.
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s": "%(items_count)s 件中 %(start_index)s〜%(end_index)s 件",
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site.": "サイト全体の%(model_name)s %(items_count)s 件中 %(start_index)s〜%(end_index)s 件。",
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span class=\"w-title-ellipsis\">%(title)s</span>'.": '「<span class="w-title-ellipsis">%(title)s</span>」の%(model_name)s %(items_count)s 件中 %(start_index)s〜%(end_index)s 件。',
    "No results across entire site.": "サイト全体で該当するものはありません。",
    "No results in '<span class=\"w-title-ellipsis\">%(title)s</span>'.": '「<span class="w-title-ellipsis">%(title)s</span>」には該当するものがありません。',
    "Search in '<span class=\"w-title-ellipsis\">%(title)s</span>'": '「<span class="w-title-ellipsis">%(title)s</span>」の中を検索',
    "Search the whole site": "サイト全体を検索",
    "Sorry, no pages match <em>%(query_string)s</em>": "「<em>%(query_string)s</em>」に一致するページはありません",
    "%(field_label)s:": "%(field_label)s：",
    # the dashboard's workflow panels and a page's workflow history
    "Awaiting your review": "あなたの承認待ち",
    "Task submitted by": "提出した人",
    "Language": "言語",
    "Privacy and access": "公開範囲とアクセス",
    "Submitted": "提出済み",
    "Changes requested": "修正の依頼",
    "with comment:": "コメント：",
    "Published": "公開済み",
    "See full history": "すべての履歴を見る",
    "Changes requested by %(requested_by)s": "%(requested_by)s が修正を依頼しました",
    "Approved by %(approved_by)s": "%(approved_by)s が承認しました",
    "Cancelled by %(cancelled_by)s": "%(cancelled_by)s が取り消しました",
    "in moderation": "承認待ち",
    "Locked by workflow": "ワークフローでロック中",
    "Go to the first error": "最初の誤りへ移動",
    "The page could not be saved due to validation errors.": "入力に誤りがあるため、ページを保存できませんでした。",
    # a page's history and the workflow report
    "Draft saved": "下書き保存",
    "Is commenting action": "コメントの操作",
    "Workflow: start": "ワークフロー：開始",
    "By task": "タスク別",
    "Incomplete task": "未完了のタスク",
    "Page/Snippet": "ページ／スニペット",
    # the account page
    "Name and Email": "名前とメールアドレス",
    "Notifications": "通知",
    "Profile": "プロフィール",
    "Profile picture": "プロフィール画像",
    "Locale": "言語と地域",
    "Use server time zone": "サーバーのタイムゾーンを使う",
    "Theme preferences": "表示の設定",
    "System default": "システムの設定に合わせる",
    "Light": "ライト",
    "Dark": "ダーク",
    "More contrast": "コントラストを高く",
    "Snug": "詰めて表示",
    "Enable custom keyboard shortcuts specific to Wagtail.": "管理画面独自のキーボードショートカットを使う。",
    "Receive notification when comments have been created, resolved, or deleted on a page that you have subscribed to receive comment notifications on": "コメントの通知を受け取ることにしたページで、コメントが追加・解決・削除されたときに通知を受け取る",
    # documents
    "Add selected documents to collection": "選んだ文書をコレクションに追加",
    "Add tags to the selected documents": "選んだ文書にタグを付ける",
    "Delete selected documents": "選んだ文書を削除",
    # workflows and tasks (事務局)
    "Used on the following active workflows": "次の有効なワークフローで使われています",
    "Not used": "使われていません",
    "Are you sure you want to disable this workflow?": "このワークフローを無効にしてよろしいですか？",
    "Are you sure you want to disable this task?": "このタスクを無効にしてよろしいですか？",
    "Yes, disable": "はい、無効にします",
    "This workflow is disabled so it cannot be assigned to any pages.": "このワークフローは無効なので、ページに割り当てられません。",
    "Choose which type of task you'd like to create.": "作成するタスクの種類を選んでください。",
    "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them.": "キーボードショートカットは無効です。有効にするには%(account_link)sで変更してください。",
    # workflow actions
    "Request changes": "修正を依頼",
    # (shown as 「承認と公開」, Wagtail's "%(label)s and Publish")
    "Approve": "承認",
    "Approve with comment": "コメントを付けて承認",
    # the English version (issue 24): Wagtail's locales and wagtail-localize
    "Locale: ": "言語：",
    "Locales": "言語",
    "Switch locales": "言語を切り替える",
    # the explorer's root level (Wagtail 8 strings without Japanese)
    "The root level is where you can add new sites to your Wagtail installation. Pages created here will not be accessible at any URL until they are associated with a site.": "最上位の階層には新しいサイトを追加できます。ここに作成したページは、サイトに結び付けるまでどの URL でも表示されません。",
    "If you just want to add pages to an existing site, create them as children of the homepage instead.": "サイトにページを追加するだけなら、トップページの子ページとして作成してください。",
    "Pages created here will not be accessible at any URL. To add pages to an existing site, create them as children of the homepage.": "ここに作成したページはどの URL でも表示されません。サイトにページを追加するときは、トップページの子ページとして作成してください。",
    "There is no site set up for this location. Pages created here will not be accessible at any URL until a site is associated with this location.": "この場所にはサイトが設定されていません。ここに作成したページは、この場所にサイトを結び付けるまでどの URL でも表示されません。",
    "There is no site record for this location. Pages created here will not be accessible at any URL.": "この場所にはサイトの登録がありません。ここに作成したページはどの URL でも表示されません。",
    "Translations": "翻訳",
    "Translate this page": "このページを翻訳",
    "No other translations": "ほかの言語の版はありません",
    "- Select an option -": "- 選んでください -",
    "(blank)": "（空欄）",
    # submitting for approval, as a forum editor and 広報部会 see it (session 15's review).
    # Wagtail's own Japanese calls moderation 「調整」: here it is the approval it means.
    "live + in moderation": "公開中＋承認待ち",
    "Sent to %(task_name)s %(started_at)s": "「%(task_name)s」へ送信（%(started_at)s）",
    "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing": "承認する人はこの%(model_name)sを編集できます。ほかの承認者に編集されないようにするにはロックしてください",
    "Only reviewers can edit and approve the %(model_name)s": "この%(model_name)sを編集・承認できるのは承認する人だけです",
    "Page '%(page_title)s' has been submitted for moderation.": "ページ「%(page_title)s」の承認を依頼しました。",
    "Page '%(page_title)s' created and submitted for moderation.": "ページ「%(page_title)s」を作成し、承認を依頼しました。",
    "%(model_name)s '%(object)s' has been submitted for moderation.": "%(model_name)s「%(object)s」の承認を依頼しました。",
    "%(model_name)s '%(object)s' created and submitted for moderation.": "%(model_name)s「%(object)s」を作成し、承認を依頼しました。",
    "'%(workflow)s' started. Next step '%(task)s'": "「%(workflow)s」を始めました。次は「%(task)s」です",
    "Approved at '%(task)s'. Next step '%(next_task)s'": "「%(task)s」で承認されました。次は「%(next_task)s」です",
    "Approved at '%(task)s'. '%(workflow)s' complete": "「%(task)s」で承認され、「%(workflow)s」を終えました",
    "This %(model_name)s is currently awaiting moderation.": "この%(model_name)sは承認を待っています。",
    "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow.": "この{model_name}は、ワークフロー<b>「{workflow_name}」</b>の<b>「{task_name}」</b>を待っています。",
    "Only reviewers for this task can edit the %(model_name)s.": "この段階で%(model_name)sを編集できるのは承認する人だけです。",
    "There are no %(model_name)s to display.": "表示する%(model_name)sはありません。",
    'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?': '%(model_name)sはまだありません。<a href="%(add_url)s">追加</a>できます。',
    # reports and settings that 事務局 opens
    "Last published": "最終公開日時",
    "Last published by": "最後に公開した人",
    "Last published before": "最終公開日（この日以前）",
    "Last edited page": "最後に編集されたページ",
    "Last edit": "最終編集日時",
    "By workflow": "ワークフロー別",
    "Instances": "件数",
    "Add a locale": "言語を追加",
    # Wagtail's own Japanese, reworded where editors found it unclear or unnatural
    "The page title as you'd like it to be seen by the public": "サイトに表示されるページのタイトル",
    "meta description": "検索結果に表示する説明文",
    "Add %(model_name)s": "%(model_name)sを追加",
    "Page '%(page_title)s' has been updated.": "ページ「%(page_title)s」を更新しました。",
    "scheduled": "公開予定",
    "live + scheduled": "公開中（更新を予定）",
    "Cancel workflow ": "承認の依頼を取り下げる",
    "Your pages and snippets in a workflow": "承認の手続き中のあなたのページ",
    "There are validation errors, click save to highlight them.": "入力に誤りがあります。保存すると誤りの箇所が示されます。",
    "Layout": "表示形式",
    "Workflow on page '%(page_title)s' has been cancelled.": "ページ「%(page_title)s」の承認の依頼を取り下げました。",
    "Workflow on %(model_name)s '%(object)s' has been cancelled.": "%(model_name)s「%(object)s」の承認の依頼を取り下げました。",
    "The page could not be created due to validation errors.": "入力に誤りがあるため、ページを作成できませんでした。",
    "New: %(model_name)s": "新規：%(model_name)s",
    "Preview mode": "プレビューの種類",
}

# Strings of the admin's scripts (djangojs.po).
SCRIPT = {
    "Collapse all": "すべて折りたたむ",
    "Expand all": "すべて展開",
    "Insert a block": "ブロックを挿入",
}

PLURAL = {
    (
        "There is %(counter)s match",
        "There are %(counter)s matches",
    ): "一致するものは %(counter)s 件です",
    ("%(count)s image", "%(count)s images"): "%(count)s 件の画像",
    ("Add tags to 1 image", "Add tags to %(counter)s images"): "%(counter)s 件の画像にタグを付ける",
    (
        "Assign role to 1 user",
        "Assign role to %(counter)s users",
    ): "%(counter)s 人に役割を割り当てる",
    ("Delete 1 image", "Delete %(counter)s images"): "%(counter)s 件の画像を削除",
    ("Delete 1 user", "Delete %(counter)s users"): "%(counter)s 人のユーザーを削除",
    ("Unpublish 1 page", "Unpublish %(counter)s pages"): "%(counter)s 件のページを非公開にする",
    ("Referenced %(count)s time", "Referenced %(count)s times"): "%(count)s 回使われています",
    ("1 page", "%(counter)s pages"): "%(counter)s ページ",
    (
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
    ): '%(total)s ページ<span class="w-sr-only">（%(site_name)s）</span>',
    (
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
    ): '%(total)s 画像<span class="w-sr-only">（%(site_name)s）</span>',
    (
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
    ): '%(total)s 文書<span class="w-sr-only">（%(site_name)s）</span>',
    ("%(num_pages)d page", "%(num_pages)d pages"): "%(num_pages)d ページ",
    (
        "There is one matching page",
        "There are %(counter)s matching pages",
    ): "一致するページは %(counter)s 件です",
    (
        "%(num_child_objects)d child page",
        "%(num_child_objects)d child pages",
    ): "子ページ %(num_child_objects)d 件",
}

HEADER = """# Japanese for Wagtail admin strings missing from Wagtail's own catalogue (issue 17).
# Generated by scripts/admin_translations.py: edit the table there, not this file.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ja\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write(name, singular, plural):
    lines = [HEADER]
    for msgid, msgstr in singular.items():
        lines.append(f"msgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n")
    for (one, many), msgstr in plural.items():
        lines.append(f"msgid {quote(one)}\nmsgid_plural {quote(many)}\nmsgstr[0] {quote(msgstr)}\n")
    target = Path(__file__).resolve().parent.parent / f"website/locale/ja/LC_MESSAGES/{name}.po"
    target.write_text("\n".join(lines), encoding="utf-8")
    print(target)


def main():
    write("django", SINGULAR, PLURAL)
    write("djangojs", SCRIPT, {})


if __name__ == "__main__":
    main()
