<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AccountsScreen</name>
    <message>
        <source>&amp;Mastodon…</source>
        <translation>Mastodon(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Bluesky…</source>
        <translation>Bluesky(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;RSS/Atom Feed…</source>
        <translation>RSS/Atom フィード(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Add Account</source>
        <translation>アカウントを追加(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;connect</source>
        <translation>再接続(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>削除(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Watch Words…</source>
        <translation>キーワードの監視(&amp;W)…</translation>
    </message>
    <message>
        <source>Bring posts with chosen words or hashtags to the inbox, besides mentions</source>
        <translation>メンション以外にも、指定した語やハッシュタグを含む投稿を受信箱に取り込みます</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>最終同期</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>監視中のキーワード</translation>
    </message>
    <message>
        <source>Connected accounts</source>
        <translation>接続中のアカウント</translation>
    </message>
    <message>
        <source>Every item</source>
        <translation>すべての項目</translation>
    </message>
    <message>
        <source>No words</source>
        <translation>キーワードなし</translation>
    </message>
    <message>
        <source>1 word</source>
        <translation>1 語</translation>
    </message>
    <message>
        <source>{count} words</source>
        <translation>{count} 語</translation>
    </message>
    <message>
        <source>Connect your shop's accounts</source>
        <translation>お店のアカウントを接続しましょう</translation>
    </message>
    <message>
        <source>Add Account</source>
        <translation>アカウントを追加</translation>
    </message>
    <message>
        <source>Needs reconnecting</source>
        <translation>再接続が必要です</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>削除済み</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>接続済み</translation>
    </message>
    <message>
        <source>Mastodon and Bluesky bring the posts that mention your shop or reply to it, and you answer them from here.

RSS/Atom feeds bring Google Alerts, blog comments and reviews to read and mark as done.

Passwords and tokens are kept in your system keyring, never in Community Desk's files.</source>
        <translation>Mastodon と Bluesky からは、お店に触れた投稿やお店への返信が届き、ここから返信できます。

RSS/Atom フィードからは Google アラートやブログのコメント、レビューが届き、読んで対応済みにできます。

パスワードやトークンはシステムのキーリングに保管し、Community Desk のファイルには保存しません。</translation>
    </message>
    <message>
        <source>A feed brings every item it publishes.</source>
        <translation>フィードは公開したすべての項目を取り込みます。</translation>
    </message>
    <message>
        <source>Only mentions of this account. Use Watch Words… to add words and hashtags.</source>
        <translation>このアカウントへのメンションだけを取り込みます。語やハッシュタグを加えるには「キーワードの監視…」を使います。</translation>
    </message>
    <message>
        <source>Watching: {words} (Japanese posts only)</source>
        <translation>監視中: {words}(日本語の投稿のみ)</translation>
    </message>
    <message>
        <source>Watching: {words}</source>
        <translation>監視中: {words}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>まだ同期していません</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>たった今同期しました</translation>
    </message>
    <message>
        <source>Synced {time} ago</source>
        <translation>{time}前に同期</translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation>アカウントの削除</translation>
    </message>
    <message>
        <source>Remove {name} from Community Desk?</source>
        <translation>{name} を Community Desk から削除しますか？</translation>
    </message>
    <message>
        <source>Keep mentions: the account is disconnected and its sign-in is forgotten; the mentions already received stay in your inbox and reports.

Delete mentions too: the account and every mention received from it are deleted from this computer.

Nothing is deleted on the network itself.</source>
        <translation>「投稿を残す」: アカウントの接続を解除し、サインイン情報を破棄します。これまでに届いた投稿は受信箱とレポートに残ります。

「投稿も削除」: アカウントと、そこから届いたすべての投稿をこのコンピューターから削除します。

どちらの場合も、ネットワーク上のものは何も削除されません。</translation>
    </message>
    <message>
        <source>Keep Mentions</source>
        <translation>投稿を残す</translation>
    </message>
    <message>
        <source>Delete Mentions Too</source>
        <translation>投稿も削除</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
</context>
<context>
    <name>AddBlueskyDialog</name>
    <message>
        <source>Reconnect Bluesky Account</source>
        <translation>Bluesky アカウントの再接続</translation>
    </message>
    <message>
        <source>Add Bluesky Account</source>
        <translation>Bluesky アカウントの追加</translation>
    </message>
    <message>
        <source>Sign in with an app password, not your main password. Create one on bsky.app under Settings → Privacy and security → App passwords.</source>
        <translation>メインのパスワードではなく、アプリパスワードでサインインしてください。アプリパスワードは bsky.app の「設定」→「プライバシーとセキュリティ」→「アプリパスワード」で作成できます。</translation>
    </message>
    <message>
        <source>Handle:</source>
        <translation>ハンドル:</translation>
    </message>
    <message>
        <source>App password:</source>
        <translation>アプリパスワード:</translation>
    </message>
    <message>
        <source>This does not look like an app password (four groups of four letters or digits, like abcd-efgh-ijkl-mnop). Please use an app password, not your main password.</source>
        <translation>アプリパスワードの形式ではないようです(abcd-efgh-ijkl-mnop のように、英数字 4 文字が 4 組並んだものです)。メインのパスワードではなく、アプリパスワードをお使いください。</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>詳細設定</translation>
    </message>
    <message>
        <source>Server (for self-hosted accounts):</source>
        <translation>サーバー(独自運用の場合):</translation>
    </message>
    <message>
        <source>Leave empty for accounts on bsky.social.</source>
        <translation>bsky.social のアカウントでは空欄のままにしてください。</translation>
    </message>
    <message>
        <source>Signing in to Bluesky…</source>
        <translation>Bluesky にサインインしています…</translation>
    </message>
</context>
<context>
    <name>AddFeedDialog</name>
    <message>
        <source>Check Feed Again</source>
        <translation>フィードの再確認</translation>
    </message>
    <message>
        <source>Add RSS/Atom Feed</source>
        <translation>RSS/Atom フィードの追加</translation>
    </message>
    <message>
        <source>New items from a feed land in your inbox: Google Alerts, comments on your blog, review sites. Paste the feed's address, or the address of a page that links to it.</source>
        <translation>フィードの新着は受信箱に届きます。Google アラート、ブログのコメント、レビューサイトなどに使えます。フィードのアドレスか、フィードへのリンクがあるページのアドレスを貼り付けてください。</translation>
    </message>
    <message>
        <source>Feed address:</source>
        <translation>フィードのアドレス:</translation>
    </message>
    <message>
        <source>The feed's own title</source>
        <translation>フィード自体のタイトル</translation>
    </message>
    <message>
        <source>Name (optional):</source>
        <translation>名前(省略可):</translation>
    </message>
    <message>
        <source>This is a web page. It links to these feeds:</source>
        <translation>これはウェブページです。次のフィードへのリンクがあります:</translation>
    </message>
    <message>
        <source>Add Feed</source>
        <translation>フィードを追加</translation>
    </message>
    <message>
        <source>Checking the feed…</source>
        <translation>フィードを確認しています…</translation>
    </message>
    <message>
        <source>Add Selected Feed</source>
        <translation>選んだフィードを追加</translation>
    </message>
</context>
<context>
    <name>AddMastodonDialog</name>
    <message>
        <source>Reconnect Mastodon Account</source>
        <translation>Mastodon アカウントの再接続</translation>
    </message>
    <message>
        <source>Add Mastodon Account</source>
        <translation>Mastodon アカウントの追加</translation>
    </message>
    <message>
        <source>Community Desk opens your server's page in your browser, where you sign in and approve access. Your password is never typed here.</source>
        <translation>Community Desk がブラウザーでサーバーのページを開きます。そこでサインインして、アクセスを承認してください。パスワードをここに入力することはありません。</translation>
    </message>
    <message>
        <source>mastodon.social or @shop@example.social</source>
        <translation>mastodon.social または @shop@example.social</translation>
    </message>
    <message>
        <source>Your server or handle:</source>
        <translation>サーバーまたはハンドル:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>アクセストークン:</translation>
    </message>
    <message>
        <source>Create a token on your server under Preferences → Development → New application (with read and write access), then paste “Your access token” here.</source>
        <translation>サーバーの「ユーザー設定」→「開発」→「新規アプリ」でトークンを作成し(読み取りと書き込みの権限を付けてください)、「アクセストークン」の値をここに貼り付けてください。</translation>
    </message>
    <message>
        <source>Approve in the browser instead</source>
        <translation>代わりにブラウザーで承認する</translation>
    </message>
    <message>
        <source>Use an access token instead</source>
        <translation>代わりにアクセストークンを使う</translation>
    </message>
    <message>
        <source>Checking the access token…</source>
        <translation>アクセストークンを確認しています…</translation>
    </message>
    <message>
        <source>Waiting for you to approve Community Desk in your browser…</source>
        <translation>ブラウザーで Community Desk が承認されるのを待っています…</translation>
    </message>
    <message>
        <source>Your browser did not open. Copy this address into it to approve access:
{url}</source>
        <translation>ブラウザーが開きませんでした。次のアドレスをブラウザーに貼り付けて、アクセスを承認してください:
{url}</translation>
    </message>
</context>
<context>
    <name>CalendarScreen</name>
    <message>
        <source>&amp;Today</source>
        <translation>今日(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>週(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;New Post</source>
        <translation>新しい投稿(&amp;N)</translation>
    </message>
    <message>
        <source>Plan a post for the next full hour (Ctrl+N)</source>
        <translation>次の正時に投稿を予定します (Ctrl+N)</translation>
    </message>
    <message>
        <source>Times in {zone}</source>
        <translation>{zone} の時刻</translation>
    </message>
    <message>
        <source>No planned posts yet</source>
        <translation>予定している投稿はまだありません</translation>
    </message>
    <message>
        <source>Connect a Mastodon or Bluesky account on the Accounts screen, then plan posts on this calendar: they go out on time.</source>
        <translation>アカウント画面で Mastodon か Bluesky のアカウントを接続すると、このカレンダーで投稿を予定できます。予定した投稿は時間どおりに公開されます。</translation>
    </message>
    <message>
        <source>Previous month (Page Up)</source>
        <translation>前の月 (Page Up)</translation>
    </message>
    <message>
        <source>Next month (Page Down)</source>
        <translation>次の月 (Page Down)</translation>
    </message>
    <message>
        <source>Previous week (Page Up)</source>
        <translation>前の週 (Page Up)</translation>
    </message>
    <message>
        <source>Next week (Page Down)</source>
        <translation>次の週 (Page Down)</translation>
    </message>
    <message>
        <source>{month} {year}</source>
        <translation>{year}年{month}</translation>
    </message>
    <message>
        <source>Week {number}</source>
        <translation>第{number}週</translation>
    </message>
    <message>
        <source>{first} – {last} {year}</source>
        <translation>{year}年{first}～{last}</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first}～{last}</translation>
    </message>
    <message>
        <source>{months} · {week}</source>
        <translation>{months}・{week}</translation>
    </message>
    <message>
        <source>View…</source>
        <translation>表示…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>複製(&amp;U)</translation>
    </message>
    <message>
        <source>Post &amp;Now</source>
        <translation>今すぐ投稿(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete Post</source>
        <translation>投稿の削除</translation>
    </message>
    <message>
        <source>Delete the post “{text}”?</source>
        <translation>投稿「{text}」を削除しますか？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>ComplaintHint</name>
    <message>
        <source>A complaint: apologise plainly, and offer to continue by email or phone.</source>
        <translation>苦情です。はっきりお詫びし、メールか電話でのやり取りをご案内しましょう。</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>The template “{name}” was not inserted: {problem} Fix it on the Templates screen.</source>
        <translation>テンプレート「{name}」は挿入されませんでした。{problem}テンプレート画面で直してください。</translation>
    </message>
    <message>
        <source>The template “{name}” was not inserted: it needs a value that is empty.</source>
        <translation>テンプレート「{name}」は挿入されませんでした。空のままの値が必要です。</translation>
    </message>
    <message>
        <source>Too late to undo: the reply has already left.</source>
        <translation>取り消せませんでした。返信はすでに送られています。</translation>
    </message>
    <message>
        <source>Reply copied. Paste it on the page that opens with Open in Browser.</source>
        <translation>返信をコピーしました。「ブラウザーで開く」で開いたページに貼り付けてください。</translation>
    </message>
    <message>
        <source>The draft could not be saved; your text is still here. The details are in the log file.</source>
        <translation>下書きを保存できませんでした。入力した文章はそのまま残っています。詳しくはログファイルをご覧ください。</translation>
    </message>
</context>
<context>
    <name>ComposerPane</name>
    <message>
        <source>Close the reply; the draft is kept (Esc)</source>
        <translation>返信を閉じます。下書きは残ります (Esc)</translation>
    </message>
    <message>
        <source>Close Reply</source>
        <translation>返信を閉じる</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>返信</translation>
    </message>
    <message>
        <source>&amp;Templates…</source>
        <translation>テンプレート(&amp;T)…</translation>
    </message>
    <message>
        <source>Insert a saved reply (Ctrl+T)</source>
        <translation>保存した返信文を挿入 (Ctrl+T)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>送信(&amp;S)</translation>
    </message>
    <message>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation>返信を送信 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Copy Reply</source>
        <translation>返信をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the reply, to paste it on the page</source>
        <translation>返信をコピーして、ページに貼り付けられるようにします</translation>
    </message>
    <message>
        <source>Open in &amp;Browser</source>
        <translation>ブラウザーで開く(&amp;B)</translation>
    </message>
    <message>
        <source>Reply to {name}</source>
        <translation>{name} さんへの返信</translation>
    </message>
    <message>
        <source>Feeds take no replies from Community Desk: copy yours, then paste it on the page in your browser.</source>
        <translation>フィードには Community Desk から返信できません。返信をコピーして、ブラウザーで開いたページに貼り付けてください。</translation>
    </message>
    <message>
        <source>Write your reply, then send it.</source>
        <translation>返信を書いてから送信してください。</translation>
    </message>
</context>
<context>
    <name>FillInDialog</name>
    <message>
        <source>Fill In — {name}</source>
        <translation>入力 — {name}</translation>
    </message>
    <message>
        <source>This template needs a few details before it goes into your reply.</source>
        <translation>このテンプレートを返信に入れる前に、いくつかの項目を入力してください。</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>挿入</translation>
    </message>
</context>
<context>
    <name>InboxFilterBar</name>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>返信待ち</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>対応済み</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>アーカイブ</translation>
    </message>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>All networks</source>
        <translation>すべてのネットワーク</translation>
    </message>
    <message>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <source>Bluesky</source>
        <translation>Bluesky</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>フィード</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>すべてのアカウント</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>メンション</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>返信</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Keyword matches</source>
        <translation>キーワード一致</translation>
    </message>
    <message>
        <source>Feed items</source>
        <translation>フィード項目</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>All flags</source>
        <translation>すべての分類</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>苦情</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Praise</source>
        <translation>称賛</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>期限切れのみ</translation>
    </message>
    <message>
        <source>Only waiting mentions that are past their deadline</source>
        <translation>返信期限を過ぎた返信待ちの投稿だけを表示します</translation>
    </message>
    <message>
        <source>{name} (removed)</source>
        <translation>{name}(削除済み)</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>From</source>
        <translation>送信者</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受信</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待ち時間</translation>
    </message>
    <message>
        <source>How long an unanswered mention has waited; amber when its deadline is near, red when it is overdue</source>
        <translation>まだ返信していない投稿の待ち時間です。期限が近づくとオレンジ、期限を過ぎると赤で表示します</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>苦情</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Praise</source>
        <translation>称賛</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{weekday} {time}</source>
        <translation>{weekday}曜 {time}</translation>
    </message>
    <message>
        <source>MMM d</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>{date} {time}</source>
        <translation>{date} {time}</translation>
    </message>
    <message>
        <source>answered in {time}</source>
        <translation>{time}で返信済み</translation>
    </message>
</context>
<context>
    <name>InboxScreen</name>
    <message>
        <source>Done</source>
        <translation>対応済み</translation>
    </message>
    <message>
        <source>Search mentions</source>
        <translation>投稿を検索</translation>
    </message>
    <message>
        <source>Words from the message or the author's name (Ctrl+F)</source>
        <translation>本文や送信者名に含まれる語で探します(Ctrl+F)</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>投稿の一覧</translation>
    </message>
    <message>
        <source>{action} ({shortcut})</source>
        <translation>{action}({shortcut})</translation>
    </message>
    <message>
        <source>Mark the selected mentions done</source>
        <translation>選んだ投稿を対応済みにします</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>アーカイブ</translation>
    </message>
    <message>
        <source>Set the selected mentions aside without an answer</source>
        <translation>選んだ投稿を、返信せずに片付けます</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>返信待ちに戻す</translation>
    </message>
    <message>
        <source>Put the selected mentions back in Waiting</source>
        <translation>選んだ投稿を返信待ちに戻します</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>苦情</translation>
    </message>
    <message>
        <source>Flag or unflag the selected mentions as complaints</source>
        <translation>選んだ投稿を苦情に分類します(もう一度押すと解除)</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Flag or unflag the selected mentions as questions</source>
        <translation>選んだ投稿を質問に分類します(もう一度押すと解除)</translation>
    </message>
    <message>
        <source>Praise</source>
        <translation>称賛</translation>
    </message>
    <message>
        <source>Flag or unflag the selected mentions as praise</source>
        <translation>選んだ投稿を称賛に分類します(もう一度押すと解除)</translation>
    </message>
    <message>
        <source>Next Mention</source>
        <translation>次の投稿</translation>
    </message>
    <message>
        <source>Next mention</source>
        <translation>次の投稿</translation>
    </message>
    <message>
        <source>Previous Mention</source>
        <translation>前の投稿</translation>
    </message>
    <message>
        <source>Previous mention</source>
        <translation>前の投稿</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>返信</translation>
    </message>
    <message>
        <source>Answer the mention you are reading</source>
        <translation>表示中の投稿に返信します</translation>
    </message>
    <message>
        <source>No mentions contain “{words}”</source>
        <translation>「{words}」を含む投稿はありません</translation>
    </message>
    <message>
        <source>Only this list was searched. Search every mention, whatever its state, network or flag?</source>
        <translation>探したのはこの一覧の中だけです。状態・ネットワーク・分類にかかわらず、すべての投稿から探しますか？</translation>
    </message>
    <message>
        <source>Search All Mentions</source>
        <translation>すべての投稿から探す</translation>
    </message>
    <message>
        <source>Try other words, or fewer of them.</source>
        <translation>別の語で、または語を減らして探してみてください。</translation>
    </message>
    <message>
        <source>Nothing is overdue</source>
        <translation>期限切れの投稿はありません</translation>
    </message>
    <message>
        <source>Every waiting mention is still within its deadline.</source>
        <translation>返信待ちの投稿は、どれもまだ期限内です。</translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation>絞り込みを解除</translation>
    </message>
    <message>
        <source>No mentions match these filters</source>
        <translation>この条件に合う投稿はありません</translation>
    </message>
    <message>
        <source>Choose other filters, or clear them to see this whole list.</source>
        <translation>条件を変えるか、絞り込みを解除して一覧全体を表示してください。</translation>
    </message>
    <message>
        <source>Nothing here yet</source>
        <translation>まだ何もありません</translation>
    </message>
    <message>
        <source>Mentions you mark as done will be listed here.</source>
        <translation>対応済みにした投稿がここに並びます。</translation>
    </message>
    <message>
        <source>Mentions you archive will be listed here.</source>
        <translation>アーカイブした投稿がここに並びます。</translation>
    </message>
    <message>
        <source>Nothing is waiting</source>
        <translation>返信待ちはありません</translation>
    </message>
    <message>
        <source>Mentions of your shop from Mastodon, Bluesky and your feeds will land here, complaints first. Connect your accounts on the Accounts screen to start.</source>
        <translation>Mastodon・Bluesky・フィードでお店に寄せられた声がここに届きます。苦情がいちばん上です。「アカウント」画面でアカウントを接続して始めましょう。</translation>
    </message>
    <message>
        <source>New mentions will appear here after the next check, complaints first.</source>
        <translation>次の確認で届いた新着がここに並びます。苦情がいちばん上です。</translation>
    </message>
</context>
<context>
    <name>ListeningDialog</name>
    <message>
        <source>Watch Words — {name}</source>
        <translation>キーワードの監視 — {name}</translation>
    </message>
    <message>
        <source>Posts that contain these words or hashtags come to your inbox too, even when they do not mention {name}.</source>
        <translation>これらの語やハッシュタグを含む投稿は、{name} へのメンションでなくても受信箱に届きます。</translation>
    </message>
    <message>
        <source>&amp;One word, phrase or #hashtag per line:</source>
        <translation>1 行に 1 つずつ、語・フレーズ・#ハッシュタグ(&amp;O):</translation>
    </message>
    <message>
        <source>#yourshop
your shop's name
a product people talk about</source>
        <translation>#お店のハッシュタグ
お店の名前
よく話題になる商品</translation>
    </message>
    <message>
        <source>&amp;Japanese posts only</source>
        <translation>日本語の投稿のみ(&amp;J)</translation>
    </message>
    <message>
        <source>Hashtags and single words follow this server's hashtag timelines. Phrases with spaces are found only where the server offers full-text search, so they may find nothing.</source>
        <translation>ハッシュタグと単語は、このサーバーのハッシュタグタイムラインから取り込みます。空白を含むフレーズは、サーバーが全文検索に対応している場合にしか見つからないため、何も取り込めないことがあります。</translation>
    </message>
    <message>
        <source>Each line is searched across Bluesky at every sync.</source>
        <translation>同期のたびに、各行を Bluesky 全体から検索します。</translation>
    </message>
    <message>
        <source>Bluesky then searches only posts marked as Japanese.</source>
        <translation>Bluesky では、日本語と指定された投稿だけを検索します。</translation>
    </message>
    <message>
        <source>Posts marked as another language are skipped; posts that give no language are kept.</source>
        <translation>ほかの言語と指定された投稿は除き、言語の指定がない投稿は取り込みます。</translation>
    </message>
    <message>
        <source>{count} terms: only the first {limit} are watched, as each one is searched at every sync.</source>
        <translation>{count} 件あります。同期のたびに 1 件ずつ検索するため、監視するのは最初の {limit} 件だけです。</translation>
    </message>
    <message>
        <source>{count} of {limit} terms</source>
        <translation>{count} / {limit} 件</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Community Desk — Demo</source>
        <translation>Community Desk — デモ</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>画面</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>受信箱</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>カレンダー</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Demo workspace: sample data, thrown away on exit</source>
        <translation>デモ用ワークスペース: サンプルデータです。終了すると破棄されます</translation>
    </message>
    <message>
        <source>Weekly summary saved: {name}</source>
        <translation>週のまとめを保存しました: {name}</translation>
    </message>
    <message numerus="yes">
        <source>%n weekly summaries saved in {folder}</source>
        <translation>
            <numerusform>週のまとめを %n 件、{folder} に保存しました</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>今すぐ同期(&amp;S)</translation>
    </message>
    <message>
        <source>Check every account for new mentions now (F5)</source>
        <translation>すべてのアカウントの新着を今すぐ確認します(F5)</translation>
    </message>
    <message>
        <source>Export Week as &amp;PDF…</source>
        <translation>この週を PDF で書き出す(&amp;P)…</translation>
    </message>
    <message>
        <source>Export Week as &amp;CSV…</source>
        <translation>この週を CSV で書き出す(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>移動(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Community Desk</source>
        <translation>Community Desk について(&amp;A)</translation>
    </message>
    <message>
        <source>About Community Desk</source>
        <translation>Community Desk について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Community Desk {version}&lt;/h3&gt;&lt;p&gt;One inbox for everything customers say about your shop on social media, with saved replies, a post calendar and a weekly summary.&lt;/p&gt;&lt;p&gt;Your data stays on this computer, in {folder}.&lt;/p&gt;&lt;p&gt;MIT License.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Community Desk {version}&lt;/h3&gt;&lt;p&gt;SNS でお客様がお店について話していることを一つの受信箱に集め、返信テンプレート、投稿カレンダー、週次サマリーで対応を助けます。&lt;/p&gt;&lt;p&gt;データはこのコンピューターの {folder} に保存され、外部には送られません。&lt;/p&gt;&lt;p&gt;MIT ライセンス。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No accounts connected yet</source>
        <translation>アカウントがまだ接続されていません</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認しています…</translation>
    </message>
    <message>
        <source>1 account connected, not synced yet</source>
        <translation>1 件のアカウントを接続済み、まだ同期していません</translation>
    </message>
    <message numerus="yes">
        <source>%n accounts connected, not synced yet</source>
        <translation>
            <numerusform>%n 件のアカウントを接続済み、まだ同期していません</numerusform>
        </translation>
    </message>
    <message>
        <source>The demo's accounts are samples, so there is nothing to check.</source>
        <translation>デモのアカウントはサンプルなので、確認するものはありません。</translation>
    </message>
    <message>
        <source>Last checked {time}</source>
        <translation>最終確認 {time}</translation>
    </message>
    <message>
        <source>1 account could not be checked — see Accounts</source>
        <translation>1 件のアカウントを確認できませんでした — 「アカウント」画面をご覧ください</translation>
    </message>
    <message numerus="yes">
        <source>%n accounts could not be checked — see Accounts</source>
        <translation>
            <numerusform>%n 件のアカウントを確認できませんでした — 「アカウント」画面をご覧ください</numerusform>
        </translation>
    </message>
    <message>
        <source>The demo could not be started.</source>
        <translation>デモを起動できませんでした。</translation>
    </message>
</context>
<context>
    <name>MentionDetailPane</name>
    <message>
        <source>Message</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>Show Conversation</source>
        <translation>会話を表示</translation>
    </message>
    <message>
        <source>Open in Browser</source>
        <translation>ブラウザーで開く</translation>
    </message>
    <message>
        <source>Select a mention to read it here. J and K move through the list, Enter answers the mention, E marks it done.</source>
        <translation>投稿を選ぶと、ここに全文を表示します。J と K で一覧を移動し、Enter で返信、E で対応済みにできます。</translation>
    </message>
    <message>
        <source>1 mention selected.</source>
        <translation>1 件の投稿を選んでいます。</translation>
    </message>
    <message numerus="yes">
        <source>%n mentions selected. Done, Archive, Reopen and the flags apply to all of them.</source>
        <translation>
            <numerusform>%n 件の投稿を選んでいます。対応済み・アーカイブ・返信待ちに戻す・分類は、選んだすべての投稿に適用されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>This mention is no longer in the workspace.</source>
        <translation>この投稿はもうワークスペースにありません。</translation>
    </message>
    <message>
        <source>Mention</source>
        <translation>メンション</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>返信</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Keyword match</source>
        <translation>キーワード一致</translation>
    </message>
    <message>
        <source>Feed item</source>
        <translation>フィード項目</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>返信待ち</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>対応済み</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>アーカイブ</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>苦情</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Praise</source>
        <translation>称賛</translation>
    </message>
    <message>
        <source>{date} {time}</source>
        <translation>{date} {time}</translation>
    </message>
    <message>
        <source>{time} (edited)</source>
        <translation>{time}(編集済み)</translation>
    </message>
    <message>
        <source>{time} · {kind} · via {account}</source>
        <translation>{time} · {kind} · {account} で受信</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>会話</translation>
    </message>
    <message>
        <source>this mention</source>
        <translation>この投稿</translation>
    </message>
    <message>
        <source>open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Loading Conversation…</source>
        <translation>会話を読み込んでいます…</translation>
    </message>
    <message>
        <source>Conversation Shown</source>
        <translation>会話を表示中</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Community Desk cannot write to its data folder {path}. Choose a folder you can write to with --data-dir, or fix the folder's permissions.</source>
        <translation>Community Desk はデータフォルダー {path} に書き込めません。--data-dir で書き込めるフォルダーを指定するか、フォルダーのアクセス権を直してください。</translation>
    </message>
    <message>
        <source>The database {path} was saved by a newer version of Community Desk. Install the newer version to open it; this version leaves the file untouched.</source>
        <translation>データベース {path} は新しいバージョンの Community Desk で保存されています。開くには新しいバージョンをインストールしてください。このバージョンはファイルに手を加えません。</translation>
    </message>
    <message>
        <source>The database {path} is damaged and cannot be opened. You can restore the latest daily backup; the damaged file is kept beside it.</source>
        <translation>データベース {path} が壊れているため開けません。最新の日次バックアップから復元できます。壊れたファイルはその横に残します。</translation>
    </message>
    <message>
        <source>The database {path} is damaged and cannot be opened, and there is no backup to restore. The file has not been changed; move it away to start a new workspace.</source>
        <translation>データベース {path} が壊れているため開けません。復元できるバックアップもありません。ファイルは変更していません。新しいワークスペースで始めるには、このファイルを別の場所に移してください。</translation>
    </message>
    <message>
        <source>No system keyring is available to store passwords safely: install and start {hint}, then try again.</source>
        <translation>システムのキーリングが使えずパスワードを安全に保存できないため、{hint} をインストールして起動してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>No system keyring is available, so passwords cannot be stored safely.</source>
        <translation>システムのキーリングが使えないため、パスワードを安全に保存できません。</translation>
    </message>
    <message>
        <source>The system keyring is locked. Unlock it, then try again.</source>
        <translation>システムのキーリングがロックされています。ロックを解除してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The system keyring refused the request. Try again; if it keeps failing, restart your keyring service.</source>
        <translation>システムのキーリングが要求を拒否しました。もう一度お試しください。繰り返し失敗する場合は、キーリングのサービスを再起動してください。</translation>
    </message>
    <message>
        <source>Restored the backup {name}. The damaged file was kept beside it.</source>
        <translation>バックアップ {name} を復元しました。壊れたファイルはその横に残してあります。</translation>
    </message>
    <message>
        <source>The database {path} is not damaged, so no backup was restored.</source>
        <translation>データベース {path} は壊れていないため、バックアップは復元しませんでした。</translation>
    </message>
    <message>
        <source>There is no sound backup to restore.</source>
        <translation>復元できる正常なバックアップがありません。</translation>
    </message>
    <message>
        <source>Something went wrong. Your data is safe; the details are in the log file.</source>
        <translation>問題が発生しました。データは無事です。詳しくはログファイルをご覧ください。</translation>
    </message>
    <message>
        <source>There is no account with the number {id}: see `accounts list`.</source>
        <translation>番号 {id} のアカウントはありません(`accounts list` で確認できます)。</translation>
    </message>
    <message>
        <source>Could not reach {server}. Check the address and your connection.</source>
        <translation>{server} に接続できませんでした。アドレスとネットワーク接続を確認してください。</translation>
    </message>
    <message>
        <source>Could not reach the server. Check the address and your connection.</source>
        <translation>サーバーに接続できませんでした。アドレスとネットワーク接続を確認してください。</translation>
    </message>
    <message>
        <source>Community Desk only connects over https.</source>
        <translation>Community Desk は https でのみ接続します。</translation>
    </message>
    <message>
        <source>The server no longer accepts this sign-in. Connect the account again to continue.</source>
        <translation>サーバーがこのサインインを受け付けなくなりました。続けるには、アカウントをもう一度接続してください。</translation>
    </message>
    <message>
        <source>The server asks Community Desk to slow down. Try again in {wait}.</source>
        <translation>サーバーからアクセスを控えるよう求められています。{wait}後にもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server asks Community Desk to slow down. Try again in a few minutes.</source>
        <translation>サーバーからアクセスを控えるよう求められています。数分後にもう一度お試しください。</translation>
    </message>
    <message>
        <source>Nothing was found at that address. Check it and try again.</source>
        <translation>そのアドレスには何も見つかりませんでした。アドレスを確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The server refused the request. Check what you entered and try again.</source>
        <translation>サーバーが要求を拒否しました。入力内容を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>{server} has a problem of its own right now. Try again later.</source>
        <translation>{server} 側で現在問題が起きています。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server has a problem of its own right now. Try again later.</source>
        <translation>サーバー側で現在問題が起きています。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server sent far more than a message can hold, so it was not read. Try again later.</source>
        <translation>サーバーから届いたデータが大きすぎるため、読み込みませんでした。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server's answer could not be understood. Check that the address is right.</source>
        <translation>サーバーからの応答を読み取れませんでした。アドレスが正しいか確認してください。</translation>
    </message>
    <message>
        <source>This account's network does not offer that.</source>
        <translation>このアカウントのネットワークでは、その操作はできません。</translation>
    </message>
    <message>
        <source>The connection failed. Try again in a moment.</source>
        <translation>接続に失敗しました。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server did not accept this access token. Check that it was copied whole, with read and write access.</source>
        <translation>サーバーがこのアクセストークンを受け付けませんでした。トークン全体がコピーされているか、読み取りと書き込みの権限があるかを確認してください。</translation>
    </message>
    <message>
        <source>That is not a server address. Type it like mastodon.social or @shop@example.social.</source>
        <translation>サーバーのアドレスではありません。mastodon.social や @shop@example.social のように入力してください。</translation>
    </message>
    <message>
        <source>No feed was found at this address. If it is a web page, look on the site for an RSS or Atom link and use that address.</source>
        <translation>このアドレスにはフィードが見つかりませんでした。ウェブページの場合は、サイト内の RSS や Atom のリンクを探して、そのアドレスを使ってください。</translation>
    </message>
    <message>
        <source>Access was not approved in the browser, so nothing was connected.</source>
        <translation>ブラウザーでアクセスが承認されなかったため、何も接続していません。</translation>
    </message>
    <message>
        <source>The approval in the browser did not arrive in time. Try again.</source>
        <translation>ブラウザーでの承認が時間内に届きませんでした。もう一度お試しください。</translation>
    </message>
    <message>
        <source>Connecting was cancelled; nothing was connected.</source>
        <translation>接続を取り消しました。何も接続していません。</translation>
    </message>
    <message>
        <source>The browser's answer did not belong to this request, so it was ignored. Try again.</source>
        <translation>ブラウザーからの応答がこの要求に対するものではなかったため、無視しました。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The handle or app password is not right.</source>
        <translation>ハンドルまたはアプリパスワードが正しくありません。</translation>
    </message>
    <message>
        <source>This account asks for an email code; use an app password instead.</source>
        <translation>このアカウントではメールの確認コードが求められます。代わりにアプリパスワードをお使いください。</translation>
    </message>
    <message>
        <source>No account has this handle. Check how it is spelled.</source>
        <translation>このハンドルのアカウントは見つかりません。綴りを確認してください。</translation>
    </message>
    <message>
        <source>The server did not accept the sign-in code. Try connecting again.</source>
        <translation>サーバーがサインインのコードを受け付けませんでした。もう一度接続してください。</translation>
    </message>
    <message>
        <source>The server no longer recognises Community Desk. Try connecting again; it will register anew.</source>
        <translation>サーバーが Community Desk を認識しなくなりました。もう一度接続すると、改めて登録されます。</translation>
    </message>
    <message>
        <source>The sign-in for this account is missing from the system keyring. Reconnect the account.</source>
        <translation>このアカウントのサインイン情報がシステムのキーリングにありません。アカウントを再接続してください。</translation>
    </message>
    <message>
        <source>The server reported a problem with the sign-in. Try again later.</source>
        <translation>サーバーからサインインの問題が報告されました。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>This account has been suspended by its server, so it cannot connect.</source>
        <translation>このアカウントはサーバーによって停止されているため、接続できません。</translation>
    </message>
    <message>
        <source>The server did not accept these sign-in details. Check them and try again.</source>
        <translation>サーバーがこのサインイン情報を受け付けませんでした。内容を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>This account needs reconnecting: connect it again on the Accounts screen to receive its mentions.</source>
        <translation>このアカウントは再接続が必要です。投稿を受け取るには、「アカウント」画面でもう一度接続してください。</translation>
    </message>
    <message>
        <source>The keyring could not be read. Unlock it and try again.</source>
        <translation>キーリングを読み取れませんでした。ロックを解除してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The reply is empty. Write something to send.</source>
        <translation>返信が空です。送る内容を書いてください。</translation>
    </message>
    <message>
        <source>The reply is longer than the network allows. Shorten it, then send.</source>
        <translation>返信がネットワークの上限より長くなっています。短くしてから送信してください。</translation>
    </message>
    <message>
        <source>The account this mention came to has been removed, so the reply cannot be sent. Your text is kept.</source>
        <translation>このメンションを受け取ったアカウントは削除されたため、返信を送れません。入力した文章は残っています。</translation>
    </message>
    <message>
        <source>The account needs reconnecting before it can send: connect it again on the Accounts screen. Your text is kept.</source>
        <translation>送信するにはアカウントの再接続が必要です。アカウント画面で接続し直してください。入力した文章は残っています。</translation>
    </message>
    <message>
        <source>This mention is no longer in the workspace, so it cannot be answered.</source>
        <translation>このメンションはワークスペースにもうないため、返信できません。</translation>
    </message>
    <message>
        <source>This network takes no replies from Community Desk. Copy the reply and answer in the browser.</source>
        <translation>このネットワークには Community Desk から返信できません。返信をコピーして、ブラウザーで返信してください。</translation>
    </message>
    <message>
        <source>This network has no direct messages. Untick “Send as a direct message” to reply in the open.</source>
        <translation>このネットワークにはダイレクトメッセージがありません。「ダイレクトメッセージとして送信」のチェックを外して、公開で返信してください。</translation>
    </message>
    <message>
        <source>The reply is already on its way and can no longer be changed.</source>
        <translation>返信はすでに送信中のため、変更できません。</translation>
    </message>
    <message>
        <source>The account needs reconnecting: connect it again on the Accounts screen, then send again.</source>
        <translation>アカウントの再接続が必要です。アカウント画面で接続し直してから、もう一度送信してください。</translation>
    </message>
    <message>
        <source>The account this mention came to has been removed.</source>
        <translation>このメンションを受け取ったアカウントは削除されています。</translation>
    </message>
    <message>
        <source>The post you are answering is gone: it was deleted, or its author hid it.</source>
        <translation>返信先の投稿がなくなっています。削除されたか、投稿者が非表示にしました。</translation>
    </message>
    <message>
        <source>The server refused the reply. Check its text and send it again.</source>
        <translation>サーバーが返信を受け付けませんでした。文章を確かめて、もう一度送信してください。</translation>
    </message>
    <message>
        <source>The server asks Community Desk to slow down.</source>
        <translation>サーバーから、Community Desk に間隔をあけるよう求められています。</translation>
    </message>
    <message>
        <source>The server could not be reached.</source>
        <translation>サーバーに接続できませんでした。</translation>
    </message>
    <message>
        <source>The server has a problem of its own right now.</source>
        <translation>サーバー側で問題が起きています。</translation>
    </message>
    <message>
        <source>The system keyring could not be read. Unlock it.</source>
        <translation>システムのキーリングを読み取れませんでした。ロックを解除してください。</translation>
    </message>
    <message>
        <source>The server's answer could not be understood.</source>
        <translation>サーバーの応答を理解できませんでした。</translation>
    </message>
    <message>
        <source>Something went wrong; the details are in the log file.</source>
        <translation>問題が発生しました。詳しくはログファイルをご覧ください。</translation>
    </message>
    <message>
        <source>There is no mention with the number {id}: see `mentions list`.</source>
        <translation>番号 {id} のメンションはありません(`mentions list` で確認できます)。</translation>
    </message>
    <message>
        <source>There is no template named “{name}”: see the Templates screen.</source>
        <translation>「{name}」という名前のテンプレートはありません。テンプレート画面で確認してください。</translation>
    </message>
    <message>
        <source>The template “{name}” has a mistake in its braces: fix it on the Templates screen.</source>
        <translation>テンプレート「{name}」の波かっこに誤りがあります。テンプレート画面で直してください。</translation>
    </message>
    <message>
        <source>The template “{name}” needs {variables}, which the command line cannot ask for: write the reply with --text instead.</source>
        <translation>テンプレート「{name}」には {variables} の値が必要ですが、コマンドラインでは入力できません。代わりに --text で返信を書いてください。</translation>
    </message>
    <message>
        <source>{reason} The reply waits in the outbox and goes out the next time Community Desk is open.</source>
        <translation>{reason} 返信は送信待ちとして保存され、次に Community Desk を開いたときに送信されます。</translation>
    </message>
    <message>
        <source>The account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>The post is empty: give its words with --text.</source>
        <translation>投稿が空です。--text で本文を指定してください。</translation>
    </message>
    <message>
        <source>Name the account to post to with --account ID.</source>
        <translation>投稿するアカウントを --account ID で指定してください。</translation>
    </message>
    <message>
        <source>{account} cannot be posted to (feeds are read-only): choose a Mastodon or Bluesky account with --account.</source>
        <translation>{account} には投稿できません(フィードは読み取り専用です)。--account で Mastodon か Bluesky のアカウントを指定してください。</translation>
    </message>
    <message>
        <source>{account} needs reconnecting before it can post: connect it again with `accounts add` or on the Accounts screen.</source>
        <translation>{account} は投稿する前に再接続が必要です。`accounts add` またはアカウント画面で接続し直してください。</translation>
    </message>
    <message>
        <source>The post is {count} characters over {network}'s limit of {limit} for {account}: shorten it.</source>
        <translation>{account} では {network} の上限 {limit} 文字を {count} 文字超えています。短くしてください。</translation>
    </message>
    <message>
        <source>The post is {count} bytes over {network}'s limit of {limit} bytes for {account}: shorten it.</source>
        <translation>{account} では {network} の上限 {limit} バイトを {count} バイト超えています。短くしてください。</translation>
    </message>
    <message>
        <source>The post is longer than the network allows: shorten it.</source>
        <translation>投稿がネットワークの上限より長くなっています。短くしてください。</translation>
    </message>
    <message>
        <source>The time given with --at has already passed: give a later one, or leave --at out to post now.</source>
        <translation>--at の日時はすでに過ぎています。これより後の日時を指定するか、今すぐ投稿するには --at を省いてください。</translation>
    </message>
    <message>
        <source>{reason} Nothing was changed on the server of {account}; try again in a moment.</source>
        <translation>{reason} {account} のサーバー上では何も変更されていません。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The account needs reconnecting: connect it again on the Accounts screen, then post again.</source>
        <translation>アカウントの再接続が必要です。アカウント画面で接続し直してから、もう一度投稿してください。</translation>
    </message>
    <message>
        <source>The account this post was for has been removed.</source>
        <translation>この投稿の投稿先アカウントは削除されています。</translation>
    </message>
    <message>
        <source>The server refused the post: it may allow no more scheduled posts that day, or not this text. Change it and schedule it again.</source>
        <translation>サーバーが投稿を受け付けませんでした。その日の予約投稿の上限に達したか、本文が受け付けられなかった可能性があります。内容を変えて、もう一度予約してください。</translation>
    </message>
    <message>
        <source>{reason} The post waits in the outbox and goes out the next time Community Desk is open.</source>
        <translation>{reason} 投稿は送信待ちとして保存され、次に Community Desk を開いたときに送信されます。</translation>
    </message>
    <message>
        <source>“{text}” is not a date and time: write it as ISO 8601, for example 2026-12-24T10:00+09:00.</source>
        <translation>「{text}」は日時として読み取れません。ISO 8601 形式(例: 2026-12-24T10:00+09:00)で書いてください。</translation>
    </message>
    <message>
        <source>{time} does not exist in {zone} that day (the clocks jump forward): write it with its offset, {first} or {second}.</source>
        <translation>{zone} ではその日 {time} は存在しません(時計が進められるため)。時差を付けて {first} か {second} のように書いてください。</translation>
    </message>
    <message>
        <source>{time} happens twice in {zone} that day (the clocks go back): write it with its offset, {first} or {second}.</source>
        <translation>{zone} ではその日 {time} が2回あります(時計が戻されるため)。時差を付けて {first} か {second} のように書いてください。</translation>
    </message>
    <message>
        <source>“{text}” is not a week: write it as an ISO week, such as 2026-W47 (weeks run from 01 to 52, or 53 in some years).</source>
        <translation>「{text}」は週として読めません。2026-W47 のように ISO 週で書いてください(週は 01〜52、年によっては 53 まであります)。</translation>
    </message>
    <message>
        <source>{path} already exists. Choose another name, or add --force to replace it.</source>
        <translation>{path} はすでにあります。別の名前にするか、置き換える場合は --force を付けてください。</translation>
    </message>
    <message>
        <source>The weekly summary could not be saved in {folder}. Check that the folder exists and can be written to, or choose another one in Settings.</source>
        <translation>週のまとめを {folder} に保存できませんでした。フォルダーがあり書き込めるか確認するか、設定で別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>{path} could not be saved: the disk is full. Free some space or choose another drive, then export again.</source>
        <translation>{path} を保存できませんでした。ディスクがいっぱいです。空きを作るか別のドライブを選んで、もう一度書き出してください。</translation>
    </message>
    <message>
        <source>{path} could not be saved. Check that its folder exists and can be written to, or choose another folder.</source>
        <translation>{path} を保存できませんでした。フォルダーがあり書き込めるか確認するか、別のフォルダーを選んでください。</translation>
    </message>
</context>
<context>
    <name>MissedPostsDialog</name>
    <message>
        <source>Missed Posts</source>
        <translation>公開されなかった投稿</translation>
    </message>
    <message>
        <source>Decide Later</source>
        <translation>後で決める</translation>
    </message>
    <message>
        <source>They stay missed, on the calendar, until you choose</source>
        <translation>選ぶまで「時刻超過」のままカレンダーに残ります</translation>
    </message>
    <message>
        <source>1 planned post was not published: its time passed while Community Desk was not running. Nothing goes out late without you.</source>
        <translation>予定していた投稿 1 件が公開されませんでした。Community Desk が起動していない間に時刻を過ぎたためです。確認なしに遅れて公開されることはありません。</translation>
    </message>
    <message numerus="yes">
        <source>%n planned posts were not published: their time passed while Community Desk was not running. Nothing goes out late without you.</source>
        <translation>
            <numerusform>予定していた投稿 %n 件が公開されませんでした。Community Desk が起動していない間に時刻を過ぎたためです。確認なしに遅れて公開されることはありません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard Post</source>
        <translation>投稿の破棄</translation>
    </message>
    <message>
        <source>Discard the post “{text}”?</source>
        <translation>投稿「{text}」を破棄しますか？</translation>
    </message>
    <message>
        <source>It is not published, and its text is gone.</source>
        <translation>公開されず、本文も残りません。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>破棄</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>ほか %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to plan a post on this day</source>
        <translation>クリックしてこの日に投稿を予定</translation>
    </message>
</context>
<context>
    <name>OpeningHoursEditor</name>
    <message>
        <source>Open on {day}</source>
        <translation>{day}は営業</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>休業</translation>
    </message>
    <message>
        <source>Remove the second period</source>
        <translation>2 つ目の時間帯を削除</translation>
    </message>
    <message>
        <source>Remove the second period of {day}</source>
        <translation>{day}の 2 つ目の時間帯を削除</translation>
    </message>
    <message>
        <source>Add a second period, for a break</source>
        <translation>休憩をはさむ場合は、2 つ目の時間帯を追加</translation>
    </message>
    <message>
        <source>Add a second period to {day}</source>
        <translation>{day}に 2 つ目の時間帯を追加</translation>
    </message>
</context>
<context>
    <name>PhraseListEditor</name>
    <message>
        <source>Add a word or phrase</source>
        <translation>語またはフレーズを追加</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected words (Delete)</source>
        <translation>選んだ語を削除(Delete)</translation>
    </message>
    <message>
        <source>Words and phrases</source>
        <translation>語とフレーズ</translation>
    </message>
</context>
<context>
    <name>PolicyReminders</name>
    <message>
        <source>Policy reminder</source>
        <translation>ポリシーの心得</translation>
    </message>
    <message>
        <source>Policy reminders ({count})</source>
        <translation>ポリシーの心得 ({count})</translation>
    </message>
</context>
<context>
    <name>PolicyWarning</name>
    <message>
        <source>I have read the policy warning</source>
        <translation>ポリシーの警告を読みました</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>“{phrase}”</source>
        <translation>「{phrase}」</translation>
    </message>
    <message>
        <source>Your reply says {phrases}, which the shop's policy says never to say. Reword it, or confirm that you mean it.</source>
        <translation>返信に{phrases}が含まれています。お店のポリシーで使わないと決めている言葉です。言い換えるか、このままでよいことを確認してください。</translation>
    </message>
    <message>
        <source>Your reply says {phrases}, which the shop's policy says never to say. Reword them, or confirm that you mean them.</source>
        <translation>返信に{phrases}が含まれています。お店のポリシーで使わないと決めている言葉です。言い換えるか、このままでよいことを確認してください。</translation>
    </message>
</context>
<context>
    <name>PostChips</name>
    <message>
        <source>Draft</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>Scheduled in the app</source>
        <translation>アプリで予約</translation>
    </message>
    <message>
        <source>Scheduled on the server</source>
        <translation>サーバーで予約</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>公開中</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>公開済み</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>時刻超過</translation>
    </message>
    <message>
        <source>Not scheduled: it waits for you to finish it.</source>
        <translation>予約されていません。仕上げるまでそのままです。</translation>
    </message>
    <message>
        <source>Community Desk publishes it on time while it is running.</source>
        <translation>Community Desk が起動していれば、時間どおりに公開します。</translation>
    </message>
    <message>
        <source>The server publishes it on time, even with this computer off.</source>
        <translation>このコンピューターの電源が切れていても、サーバーが時間どおりに公開します。</translation>
    </message>
    <message>
        <source>Being published right now.</source>
        <translation>ただいま公開しています。</translation>
    </message>
    <message>
        <source>Published.</source>
        <translation>公開しました。</translation>
    </message>
    <message>
        <source>It could not be published: open it to see why.</source>
        <translation>公開できませんでした。開くと理由がわかります。</translation>
    </message>
    <message>
        <source>Its time passed while Community Desk was not running, so it was not published.</source>
        <translation>Community Desk が起動していない間に時刻を過ぎたため、公開されませんでした。</translation>
    </message>
    <message>
        <source>{time} · {networks} · {state}
{text}</source>
        <translation>{time}・{networks}・{state}
{text}</translation>
    </message>
</context>
<context>
    <name>PostEditorDialog</name>
    <message>
        <source>Edit Post</source>
        <translation>投稿の編集</translation>
    </message>
    <message>
        <source>New Post</source>
        <translation>新しい投稿</translation>
    </message>
    <message>
        <source>Post to:</source>
        <translation>投稿先:</translation>
    </message>
    <message>
        <source>{account} — {reason}</source>
        <translation>{account}（{reason}）</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>本文(&amp;T):</translation>
    </message>
    <message>
        <source>Post text</source>
        <translation>投稿の本文</translation>
    </message>
    <message>
        <source>What would you like to tell your customers?</source>
        <translation>お客様に何を伝えますか？</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>日時(&amp;W):</translation>
    </message>
    <message>
        <source>Your time zone: {zone}</source>
        <translation>タイムゾーン: {zone}</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <source>Preview for {network}</source>
        <translation>{network} のプレビュー</translation>
    </message>
    <message>
        <source>Tick an account to see how the post will look there.</source>
        <translation>アカウントにチェックを入れると、そこでの見え方が表示されます。</translation>
    </message>
    <message>
        <source>Where it stands</source>
        <translation>公開の状況</translation>
    </message>
    <message>
        <source>Save as &amp;Draft</source>
        <translation>下書きとして保存(&amp;D)</translation>
    </message>
    <message>
        <source>Keep it on the calendar without publishing it</source>
        <translation>公開せずにカレンダーに残します</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>予約(&amp;S)</translation>
    </message>
    <message>
        <source>Published Post</source>
        <translation>公開済みの投稿</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>{network} · {accounts}</source>
        <translation>{network}・{accounts}</translation>
    </message>
    <message>
        <source>Post &amp;Now</source>
        <translation>今すぐ投稿(&amp;N)</translation>
    </message>
    <message>
        <source>Publish it now: the time you chose has come</source>
        <translation>選んだ時刻になったので、今すぐ公開します</translation>
    </message>
    <message>
        <source>Publish it at the time you chose</source>
        <translation>選んだ時刻に公開します</translation>
    </message>
    <message>
        <source>A removed account</source>
        <translation>削除されたアカウント</translation>
    </message>
    <message>
        <source>Open the post</source>
        <translation>投稿を開く</translation>
    </message>
</context>
<context>
    <name>PostTime</name>
    <message>
        <source>{date} {time}</source>
        <translation>{date} {time}</translation>
    </message>
    <message>
        <source>{time} ({offset})</source>
        <translation>{time}（{offset}）</translation>
    </message>
    <message>
        <source>{when} does not exist in {zone}.</source>
        <translation>{zone} では {when} という時刻はありません。</translation>
    </message>
    <message>
        <source>The clocks go forward that night and skip this time. Choose when the post should go out.</source>
        <translation>その夜は時計が進められ、この時刻は飛ばされます。投稿する時刻を選んでください。</translation>
    </message>
    <message>
        <source>{when} happens twice in {zone}.</source>
        <translation>{zone} では {when} が 2 回あります。</translation>
    </message>
    <message>
        <source>The clocks go back that night and repeat this hour. Choose which of the two times you mean.</source>
        <translation>その夜は時計が戻され、この 1 時間がくり返されます。どちらの時刻か選んでください。</translation>
    </message>
    <message>
        <source>Choose the Time</source>
        <translation>時刻の選択</translation>
    </message>
    <message>
        <source>The first {choice}</source>
        <translation>1 回目 {choice}</translation>
    </message>
    <message>
        <source>The second {choice}</source>
        <translation>2 回目 {choice}</translation>
    </message>
</context>
<context>
    <name>PostWords</name>
    <message>
        <source>Different text for Mastodon</source>
        <translation>Mastodon には別の本文</translation>
    </message>
    <message>
        <source>Different text for Bluesky</source>
        <translation>Bluesky には別の本文</translation>
    </message>
    <message>
        <source>Text for Mastodon:</source>
        <translation>Mastodon 用の本文:</translation>
    </message>
    <message>
        <source>Text for Bluesky:</source>
        <translation>Bluesky 用の本文:</translation>
    </message>
    <message>
        <source>feeds cannot be posted to</source>
        <translation>フィードには投稿できません</translation>
    </message>
    <message>
        <source>needs reconnecting</source>
        <translation>再接続が必要です</translation>
    </message>
    <message>
        <source>No account can take posts yet: connect a Mastodon or Bluesky account on the Accounts screen.</source>
        <translation>まだ投稿できるアカウントがありません。アカウント画面で Mastodon か Bluesky のアカウントを接続してください。</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>下書きを保存しました。</translation>
    </message>
    <message>
        <source>Publishing the post now.</source>
        <translation>投稿を今すぐ公開しています。</translation>
    </message>
    <message>
        <source>Post scheduled.</source>
        <translation>投稿を予約しました。</translation>
    </message>
    <message>
        <source>Moved to {when}.</source>
        <translation>{when} に移動しました。</translation>
    </message>
    <message>
        <source>Duplicated.</source>
        <translation>複製しました。</translation>
    </message>
    <message>
        <source>Post deleted.</source>
        <translation>投稿を削除しました。</translation>
    </message>
    <message>
        <source>It leaves the calendar; what was published stays on the networks.</source>
        <translation>カレンダーからは消えますが、公開済みの投稿は各ネットワークに残ります。</translation>
    </message>
    <message>
        <source>It is removed from the server too, so it is never published.</source>
        <translation>サーバーからも削除されるため、公開されることはありません。</translation>
    </message>
    <message>
        <source>It is gone for good and will not be published.</source>
        <translation>完全に削除され、公開されません。</translation>
    </message>
    <message>
        <source>The post is empty. Write something to publish.</source>
        <translation>投稿が空です。公開する内容を書いてください。</translation>
    </message>
    <message>
        <source>Tick at least one account to post to.</source>
        <translation>投稿先のアカウントを 1 つ以上選んでください。</translation>
    </message>
    <message>
        <source>One of the accounts was removed meanwhile. Untick it, or choose another account.</source>
        <translation>アカウントの 1 つがその間に削除されました。チェックを外すか、別のアカウントを選んでください。</translation>
    </message>
    <message>
        <source>{account} cannot be posted to. Choose another account.</source>
        <translation>{account} には投稿できません。別のアカウントを選んでください。</translation>
    </message>
    <message>
        <source>This account</source>
        <translation>このアカウント</translation>
    </message>
    <message>
        <source>{account} needs reconnecting before it can post: connect it again on the Accounts screen. Your post is kept.</source>
        <translation>{account} は投稿の前に再接続が必要です。アカウント画面で接続し直してください。投稿は保存されています。</translation>
    </message>
    <message>
        <source>An account</source>
        <translation>アカウントの 1 つ</translation>
    </message>
    <message>
        <source>Too long for {account}: {detail}. Shorten it, or write a different text for {network}.</source>
        <translation>{account} には長すぎます（{detail}）。短くするか、{network} 用に別の本文を書いてください。</translation>
    </message>
    <message>
        <source>The text is too long. Shorten it.</source>
        <translation>本文が長すぎます。短くしてください。</translation>
    </message>
    <message>
        <source>That time has already passed. Choose a later time, or post it now.</source>
        <translation>その時刻はもう過ぎています。後の時刻を選ぶか、今すぐ投稿してください。</translation>
    </message>
    <message>
        <source>This post was deleted meanwhile.</source>
        <translation>この投稿はその間に削除されました。</translation>
    </message>
    <message>
        <source>This post is being published, or already was, so it can no longer be changed.</source>
        <translation>この投稿は公開中か公開済みのため、変更できません。</translation>
    </message>
    <message>
        <source>The server of {account} could not make the change, so nothing was changed there. {reason}</source>
        <translation>{account} のサーバーで変更できなかったため、サーバー上では何も変わっていません。{reason}</translation>
    </message>
    <message>
        <source>The server could not make the change, so nothing was changed there. {reason}</source>
        <translation>サーバーで変更できなかったため、サーバー上では何も変わっていません。{reason}</translation>
    </message>
</context>
<context>
    <name>ReplyOptions</name>
    <message>
        <source>Auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>The language the reply is marked as</source>
        <translation>返信に付ける言語</translation>
    </message>
    <message>
        <source>Reply language</source>
        <translation>返信の言語</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>Send as a &amp;direct message</source>
        <translation>ダイレクトメッセージとして送信(&amp;D)</translation>
    </message>
    <message>
        <source>Only the customer sees the reply: take the conversation private</source>
        <translation>お客様だけが返信を見られます。やり取りを非公開に移します</translation>
    </message>
    <message>
        <source>Auto ({language})</source>
        <translation>自動 ({language})</translation>
    </message>
</context>
<context>
    <name>ReplyStatus</name>
    <message>
        <source>Sent at {time}.</source>
        <translation>{time} に送信しました。</translation>
    </message>
    <message>
        <source>Open Reply</source>
        <translation>返信を開く</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>送信できませんでした: {reason}</translation>
    </message>
    <message>
        <source>Edit and Resend</source>
        <translation>編集して再送信</translation>
    </message>
    <message>
        <source>Not sent yet: {reason} Community Desk tries again at {time}; your reply is kept.</source>
        <translation>まだ送信されていません: {reason} {time} に Community Desk がもう一度送ります。返信は保存されています。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>送信中…</translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>This week</source>
        <translation>今週の数字</translation>
    </message>
    <message>
        <source>Mentions per day</source>
        <translation>日ごとのメンション</translation>
    </message>
    <message>
        <source>Busiest hours (mentions per hour, local time)</source>
        <translation>混み合う時間帯(1 時間あたりのメンション、現地時刻)</translation>
    </message>
    <message>
        <source>A quiet week: no mentions came in, none were waiting and no posts went out.</source>
        <translation>静かな週でした。メンションは届かず、対応待ちもなく、投稿もありませんでした。</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Week {number}</source>
        <translation>第{number}週</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>増減</translation>
    </message>
    <message>
        <source>Top customers</source>
        <translation>よく話しかけてくれるお客さま</translation>
    </message>
    <message>
        <source>No mentions this week.</source>
        <translation>この週のメンションはありません。</translation>
    </message>
    <message>
        <source>{count} · {network}</source>
        <translation>{count} · {network}</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>投稿</translation>
    </message>
    <message>
        <source>Page {number}</source>
        <translation>{number} ページ</translation>
    </message>
</context>
<context>
    <name>ReportViews</name>
    <message>
        <source>vs week {number}</source>
        <translation>第{number}週と比べて</translation>
    </message>
    <message>
        <source>nothing to compare</source>
        <translation>比べる数字なし</translation>
    </message>
    <message>
        <source>Mentions per day</source>
        <translation>日ごとのメンション</translation>
    </message>
    <message>
        <source>Busiest hours</source>
        <translation>混み合う時間帯</translation>
    </message>
    <message>
        <source>Busiest: {day} {start}:00–{end}:00, {count} mentions</source>
        <translation>最も多い時間帯: {day} {start}:00〜{end}:00、{count} 件</translation>
    </message>
    <message>
        <source>No mentions</source>
        <translation>メンションなし</translation>
    </message>
    <message>
        <source>{day} {start}:00–{end}:00: {count}</source>
        <translation>{day} {start}:00〜{end}:00: {count}</translation>
    </message>
    <message>
        <source>Top customers</source>
        <translation>よく話しかけてくれるお客さま</translation>
    </message>
    <message>
        <source>No mentions this week.</source>
        <translation>この週のメンションはありません。</translation>
    </message>
    <message>
        <source>{count} · {network}</source>
        <translation>{count} · {network}</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>投稿</translation>
    </message>
</context>
<context>
    <name>ReportWords</name>
    <message>
        <source>Mentions</source>
        <translation>メンション</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>返信済み</translation>
    </message>
    <message>
        <source>Waiting at the end</source>
        <translation>週末時点の対応待ち</translation>
    </message>
    <message>
        <source>First reply, median</source>
        <translation>最初の返信(中央値)</translation>
    </message>
    <message>
        <source>First reply, 90th percentile</source>
        <translation>最初の返信(90パーセンタイル)</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>苦情</translation>
    </message>
    <message>
        <source>Complaints answered</source>
        <translation>返信した苦情</translation>
    </message>
    <message>
        <source>Posts published</source>
        <translation>公開した投稿</translation>
    </message>
    <message>
        <source>Posts failed</source>
        <translation>失敗した投稿</translation>
    </message>
    <message>
        <source>Posts missed</source>
        <translation>時刻を過ぎた投稿</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>公開済み</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>時刻超過</translation>
    </message>
    <message>
        <source>mention</source>
        <translation>メンション</translation>
    </message>
    <message>
        <source>reply</source>
        <translation>返信</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>keyword</source>
        <translation>キーワード</translation>
    </message>
    <message>
        <source>feed item</source>
        <translation>フィード記事</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>対応待ち</translation>
    </message>
    <message>
        <source>done</source>
        <translation>対応済み</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>アーカイブ</translation>
    </message>
    <message>
        <source>complaint</source>
        <translation>苦情</translation>
    </message>
    <message>
        <source>question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>praise</source>
        <translation>お褒め</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>投稿者</translation>
    </message>
    <message>
        <source>Author name</source>
        <translation>投稿者名</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Received ({zone})</source>
        <translation>受信日時({zone})</translation>
    </message>
    <message>
        <source>First response ({zone})</source>
        <translation>最初の返信日時({zone})</translation>
    </message>
    <message>
        <source>Response time (hours)</source>
        <translation>返信までの時間(時間)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>増減</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>変化なし</translation>
    </message>
    <message>
        <source>new</source>
        <comment>a figure that was 0 the week before</comment>
        <translation>新規</translation>
    </message>
    <message>
        <source>{arrow} {percent}%</source>
        <translation>{arrow} {percent}%</translation>
    </message>
    <message>
        <source>{answered} of {received}</source>
        <translation>{received} 件中 {answered} 件</translation>
    </message>
    <message>
        <source>Oldest: {author}, {waited}</source>
        <translation>最も古い: {author}、{waited}</translation>
    </message>
    <message>
        <source>In opening hours</source>
        <translation>営業時間で計算</translation>
    </message>
    <message>
        <source>{first_day} {first_month} {first_year} – {last_day} {last_month} {last_year}</source>
        <translation>{first_year}年{first_month}{first_day}日〜{last_year}年{last_month}{last_day}日</translation>
    </message>
    <message>
        <source>{first_day} {first_month} – {last_day} {last_month} {last_year}</source>
        <translation>{last_year}年{first_month}{first_day}日〜{last_month}{last_day}日</translation>
    </message>
    <message>
        <source>{first_day}–{last_day} {last_month} {last_year}</source>
        <translation>{last_year}年{last_month}{first_day}日〜{last_day}日</translation>
    </message>
    <message>
        <source>Week {number}, {dates}</source>
        <translation>第{number}週({dates})</translation>
    </message>
    <message>
        <source>Week {number} · {dates}</source>
        <translation>第{number}週 · {dates}</translation>
    </message>
    <message>
        <source>{day} {date}</source>
        <translation>{date}({day})</translation>
    </message>
    <message>
        <source>Made on {time} · times in {zone}</source>
        <translation>作成: {time} · 時刻は {zone}</translation>
    </message>
    <message>
        <source>Compared with week {number}</source>
        <translation>第{number}週と比較</translation>
    </message>
    <message>
        <source>{compared} · this week so far</source>
        <translation>{compared} · 今週のこれまで</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Previous week</source>
        <translation>前の週</translation>
    </message>
    <message>
        <source>Previous week (Alt+Left)</source>
        <translation>前の週 (Alt+←)</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>次の週</translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation>次の週 (Alt+→)</translation>
    </message>
    <message>
        <source>&amp;Last Week</source>
        <translation>先週(&amp;L)</translation>
    </message>
    <message>
        <source>The last complete week</source>
        <translation>最後に終わった週</translation>
    </message>
    <message>
        <source>This &amp;Week</source>
        <translation>今週(&amp;W)</translation>
    </message>
    <message>
        <source>The week in progress, so far</source>
        <translation>進行中の週(これまでの分)</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>PDF で書き出す(&amp;P)…</translation>
    </message>
    <message>
        <source>Save this week's summary as a one-page PDF</source>
        <translation>この週のまとめを 1 ページの PDF に保存します</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>CSV で書き出す(&amp;C)…</translation>
    </message>
    <message>
        <source>Save this week's mentions for a spreadsheet, with the figures in a second file</source>
        <translation>この週のメンションを表計算ソフト用に保存します(数字は別のファイルに)</translation>
    </message>
    <message>
        <source>Mentions per day</source>
        <translation>日ごとのメンション</translation>
    </message>
    <message>
        <source>Busiest hours (mentions per hour)</source>
        <translation>混み合う時間帯(1 時間あたりのメンション)</translation>
    </message>
    <message>
        <source>Top customers</source>
        <translation>よく話しかけてくれるお客さま</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>投稿</translation>
    </message>
    <message>
        <source>A quiet week</source>
        <translation>静かな週</translation>
    </message>
    <message>
        <source>No weekly summary yet</source>
        <translation>週次サマリーはまだありません</translation>
    </message>
    <message>
        <source>A summary of each week — mentions, response times, complaints answered — will appear here once the first mentions come in, ready to export as PDF and CSV.</source>
        <translation>最初のメンションが届くと、ここに週ごとのまとめ(メンション、返信までの時間、返信した苦情)が表示され、PDF と CSV で書き出せます。</translation>
    </message>
    <message>
        <source>This week has not started yet.</source>
        <translation>この週はまだ始まっていません。</translation>
    </message>
    <message>
        <source>Nothing has happened this week so far: no mentions, nothing waiting and no posts. Alt+Left shows the weeks before.</source>
        <translation>今週はまだ何もありません。メンションも対応待ちも投稿もありません。Alt+← で前の週を表示します。</translation>
    </message>
    <message>
        <source>No mentions came in during this week, none were waiting at its end and no posts went out. Alt+Left shows the weeks before.</source>
        <translation>この週はメンションが届かず、週末時点の対応待ちもなく、投稿もありませんでした。Alt+← で前の週を表示します。</translation>
    </message>
    <message>
        <source>response times in opening hours</source>
        <translation>返信までの時間は営業時間で計算</translation>
    </message>
    <message>
        <source>times in {zone}</source>
        <translation>時刻は {zone}</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>集計中…</translation>
    </message>
    <message>
        <source>Replace File</source>
        <translation>ファイルの置き換え</translation>
    </message>
    <message>
        <source>{name} already exists. Replace it?</source>
        <translation>{name} はすでにあります。置き換えますか?</translation>
    </message>
    <message>
        <source>Export Weekly Summary as PDF</source>
        <translation>週のまとめを PDF で書き出す</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <source>Export Weekly Summary as CSV</source>
        <translation>週のまとめを CSV で書き出す</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>{name} を保存しました</translation>
    </message>
    <message>
        <source>Saved {name} and {other}</source>
        <translation>{name} と {other} を保存しました</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <source>Reschedule Post</source>
        <translation>投稿の予定変更</translation>
    </message>
    <message>
        <source>Publish it &amp;at:</source>
        <translation>公開日時(&amp;A):</translation>
    </message>
    <message>
        <source>Your time zone: {zone}</source>
        <translation>タイムゾーン: {zone}</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation>予定を変更</translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message>
        <source>New mentions containing these words are flagged; English words match whole words, Japanese anywhere. Mentions already in the inbox keep their flags.</source>
        <translation>これらの語を含む新着の投稿を分類します。英語は単語単位で、日本語は文中のどこにあっても一致します。受信箱にある投稿の分類は変わりません。</translation>
    </message>
    <message>
        <source>Flagged as complaints, which the inbox shows first.</source>
        <translation>苦情に分類し、受信箱の先頭に表示します。</translation>
    </message>
    <message>
        <source>Flagged as questions.</source>
        <translation>質問に分類します。</translation>
    </message>
    <message>
        <source>Flagged as praise.</source>
        <translation>称賛に分類します。</translation>
    </message>
    <message>
        <source>Your social-media policy: words a reply must not contain. The reply editor warns you when a reply uses one.</source>
        <translation>お店の SNS ポリシーで、返信に使わない語です。返信に含まれていると、返信の編集画面で警告します。</translation>
    </message>
    <message>
        <source>Complaint ({count})</source>
        <translation>苦情({count})</translation>
    </message>
    <message>
        <source>Question ({count})</source>
        <translation>質問({count})</translation>
    </message>
    <message>
        <source>Praise ({count})</source>
        <translation>称賛({count})</translation>
    </message>
    <message>
        <source>Never say ({count})</source>
        <translation>NG ワード({count})</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Your shop</source>
        <translation>お店の情報</translation>
    </message>
    <message>
        <source>Shop name:</source>
        <translation>店名:</translation>
    </message>
    <message>
        <source>Contact email:</source>
        <translation>連絡先メール:</translation>
    </message>
    <message>
        <source>Contact phone:</source>
        <translation>連絡先電話番号:</translation>
    </message>
    <message>
        <source>Staff name for sign-offs:</source>
        <translation>署名に使う担当者名:</translation>
    </message>
    <message>
        <source>Saved replies fill these in, so customers always know how to reach you one to one.</source>
        <translation>返信テンプレートにこの情報が入るので、お客様はいつでも個別にお店へ連絡できます。</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>受信箱</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 時間</translation>
    </message>
    <message>
        <source> hour</source>
        <translation> 時間</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> 分</translation>
    </message>
    <message>
        <source> minute</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>A mention is overdue after:</source>
        <translation>返信が遅れているとみなすまで:</translation>
    </message>
    <message>
        <source>Check for new mentions every:</source>
        <translation>新着の確認間隔:</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>営業時間</translation>
    </message>
    <message>
        <source>Waiting time counts only opening hours when set. Leave every day closed to count every hour.</source>
        <translation>設定すると、待ち時間は営業時間だけで数えます。すべての曜日を休業のままにすると、すべての時間を数えます。</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>ルール</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>返信</translation>
    </message>
    <message>
        <source>Apologise plainly when the shop is at fault
Move order details to email or phone</source>
        <translation>当店の落ち度ははっきりお詫びする
注文の詳細はメールか電話で伺う</translation>
    </message>
    <message>
        <source>Policy reminders</source>
        <translation>ポリシーの心得</translation>
    </message>
    <message>
        <source>One per line. The composer shows them beside every reply; the “never say” words are under Rules.</source>
        <translation>1 行に 1 つ。返信の編集画面にいつも表示されます。使わない言葉（NG ワード）は「ルール」で設定します。</translation>
    </message>
    <message>
        <source>Send at once</source>
        <translation>すぐに送信</translation>
    </message>
    <message>
        <source> second</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Guess from the text</source>
        <translation>本文から判断</translation>
    </message>
    <message>
        <source>Policy reminders:</source>
        <translation>ポリシーの心得:</translation>
    </message>
    <message>
        <source>Time to undo a sent reply:</source>
        <translation>送信を取り消せる時間:</translation>
    </message>
    <message>
        <source>Language of replies:</source>
        <translation>返信の言語:</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>アプリケーション</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの設定に従う</translation>
    </message>
    <message>
        <source>Keep running in the tray when the window is closed</source>
        <translation>ウィンドウを閉じてもトレイで動作を続ける</translation>
    </message>
    <message>
        <source>This desktop has no system tray.</source>
        <translation>このデスクトップにはシステムトレイがありません。</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <source>Start Community Desk when I log in</source>
        <translation>ログイン時に Community Desk を起動する</translation>
    </message>
    <message>
        <source>Bluesky posts and replies leave only while the app runs; Mastodon's scheduled posts go out even when it is closed.</source>
        <translation>Bluesky の投稿と返信は、アプリが起動している間だけ送信されます。Mastodon の予約投稿は、アプリを閉じていても公開されます。</translation>
    </message>
    <message>
        <source>Starting at login could not be turned on. Check that your settings folder can be written, then try again.</source>
        <translation>ログイン時の起動をオンにできませんでした。設定フォルダーに書き込めるか確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Starting at login could not be turned off. Check that your settings folder can be written, then try again.</source>
        <translation>ログイン時の起動をオフにできませんでした。設定フォルダーに書き込めるか確認して、もう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Restore Latest Backup</source>
        <translation>最新のバックアップを復元</translation>
    </message>
</context>
<context>
    <name>TemplateCategory</name>
    <message>
        <source>Thanks</source>
        <translation>お礼</translation>
    </message>
    <message>
        <source>Apology</source>
        <translation>お詫び</translation>
    </message>
    <message>
        <source>Move to private channel</source>
        <translation>個別のやり取りへ</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>配送</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>営業時間</translation>
    </message>
    <message>
        <source>FAQ</source>
        <translation>よくある質問</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>What the reply is for, e.g. Late delivery</source>
        <translation>何のための返信か（例：配送遅延のお詫び）</translation>
    </message>
    <message>
        <source>The language this template is written in</source>
        <translation>このテンプレートを書いた言語</translation>
    </message>
    <message>
        <source>Press the keys that insert this template while you write a reply, e.g. Ctrl+Alt+1</source>
        <translation>返信を書いているときにこのテンプレートを挿入するキーを押してください（例：Ctrl+Alt+1）</translation>
    </message>
    <message>
        <source>Template text</source>
        <translation>テンプレートの本文</translation>
    </message>
    <message>
        <source>Hi {customer_name|there}, thank you for your message! – {staff_name}</source>
        <translation>{customer_name|お客}様、メッセージをありがとうございます！（担当：{staff_name}）</translation>
    </message>
    <message>
        <source>Hi {customer_name|there}!</source>
        <translation>{customer_name|お客}様、こんにちは！</translation>
    </message>
    <message>
        <source>Insert &amp;Variable</source>
        <translation>変数を挿入(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>元に戻す(&amp;R)</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>名前(&amp;A):</translation>
    </message>
    <message>
        <source>T&amp;ext:</source>
        <translation>本文(&amp;E):</translation>
    </message>
    <message>
        <source>Undo every change since the last save</source>
        <translation>最後に保存してからの変更をすべて取り消します</translation>
    </message>
    <message>
        <source>Words in braces are filled in when the reply is written. After a “|” comes what to write when there is no value.</source>
        <translation>波かっこで囲んだ語は、返信を書くときに置き換わります。「|」の後ろには、値がないときに使う言葉を書きます。</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>カテゴリ(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>Shor&amp;tcut:</source>
        <translation>ショートカット(&amp;T):</translation>
    </message>
    <message>
        <source>Use Ctrl or Alt in the shortcut, so it never gets in the way of typing.</source>
        <translation>入力の妨げにならないよう、ショートカットには Ctrl か Alt を使ってください。</translation>
    </message>
    <message>
        <source>Community Desk already uses this shortcut: choose another one.</source>
        <translation>このショートカットは Community Desk がすでに使っています。別のものを選んでください。</translation>
    </message>
    <message>
        <source>Asked for when used: {names}</source>
        <translation>使うときに入力を求めるもの：{names}</translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message>
        <source>Find a template</source>
        <translation>テンプレートを検索</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>No templates yet. Make them on the Templates screen.</source>
        <translation>テンプレートはまだありません。テンプレート画面で作成してください。</translation>
    </message>
    <message>
        <source>No template matches these words.</source>
        <translation>この言葉に合うテンプレートはありません。</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <source>Any</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <source>Customer's name</source>
        <translation>お客様の名前</translation>
    </message>
    <message>
        <source>Customer's handle</source>
        <translation>お客様のハンドル</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>店名</translation>
    </message>
    <message>
        <source>Contact email</source>
        <translation>連絡先メールアドレス</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>連絡先電話番号</translation>
    </message>
    <message>
        <source>Staff name</source>
        <translation>担当者名</translation>
    </message>
    <message>
        <source>Today's date</source>
        <translation>今日の日付</translation>
    </message>
    <message>
        <source>A “{” is not closed: end the variable with “}”, or write “{{” for a brace.</source>
        <translation>「{」が閉じていません。変数の終わりに「}」を書くか、かっこそのものを書くなら「{{」としてください。</translation>
    </message>
    <message>
        <source>A “}” closes nothing: remove it, or write “}}” for a brace.</source>
        <translation>対応する「{」のない「}」があります。消すか、かっこそのものを書くなら「}}」としてください。</translation>
    </message>
    <message>
        <source>Braces with no variable name in them: write a name, like {example}.</source>
        <translation>波かっこの中に変数名がありません。{example} のように名前を書いてください。</translation>
    </message>
    <message>
        <source>“{text}” is not a variable name: use letters, digits and _ without spaces, like {example}.</source>
        <translation>「{text}」は変数名として使えません。{example} のように、文字・数字・_ だけを空白なしで書いてください。</translation>
    </message>
    <message>
        <source>This template no longer exists: it was deleted meanwhile.</source>
        <translation>このテンプレートはもうありません。その間に削除されました。</translation>
    </message>
    <message>
        <source>Give the template a name.</source>
        <translation>テンプレートに名前を付けてください。</translation>
    </message>
    <message>
        <source>The name is too long: shorten it.</source>
        <translation>名前が長すぎます。短くしてください。</translation>
    </message>
    <message>
        <source>Another template already has this name: choose a different one.</source>
        <translation>この名前はほかのテンプレートで使われています。別の名前にしてください。</translation>
    </message>
    <message>
        <source>Write the reply this template inserts.</source>
        <translation>このテンプレートで挿入する返信の本文を書いてください。</translation>
    </message>
    <message>
        <source>The text is far too long for a reply: shorten it.</source>
        <translation>返信としては本文が長すぎます。短くしてください。</translation>
    </message>
    <message>
        <source>The text has a mistake in its braces: fix the marked part first.</source>
        <translation>本文の波かっこに誤りがあります。印の付いた箇所を先に直してください。</translation>
    </message>
    <message>
        <source>Choose one of the categories.</source>
        <translation>カテゴリを一覧から選んでください。</translation>
    </message>
    <message>
        <source>Choose one of the languages.</source>
        <translation>言語を一覧から選んでください。</translation>
    </message>
    <message>
        <source>This shortcut is too long: use one key with Ctrl or Alt.</source>
        <translation>ショートカットが長すぎます。Ctrl か Alt と一つのキーを組み合わせてください。</translation>
    </message>
    <message>
        <source>Another template already uses this shortcut: choose a different one.</source>
        <translation>このショートカットはほかのテンプレートで使われています。別のものを選んでください。</translation>
    </message>
    <message>
        <source>There are too many templates: delete some you no longer use first.</source>
        <translation>テンプレートが多すぎます。使わなくなったものを先に削除してください。</translation>
    </message>
    <message>
        <source>The file could not be read. Check that it exists and that you may open it.</source>
        <translation>ファイルを読み込めませんでした。ファイルがあること、開く権限があることを確かめてください。</translation>
    </message>
    <message>
        <source>The file could not be saved there. Choose a folder you can write to.</source>
        <translation>その場所にはファイルを保存できませんでした。書き込めるフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>The file is far too large to be a templates file, so nothing was imported.</source>
        <translation>テンプレートのファイルにしては大きすぎるため、何も読み込みませんでした。</translation>
    </message>
    <message>
        <source>This is not a templates file exported by Community Desk, so nothing was imported.</source>
        <translation>Community Desk から書き出したテンプレートのファイルではないため、何も読み込みませんでした。</translation>
    </message>
    <message>
        <source>This file was exported by a newer version of Community Desk: update the app to import it.</source>
        <translation>このファイルは新しいバージョンの Community Desk で書き出されています。読み込むにはアプリを更新してください。</translation>
    </message>
    <message>
        <source>Nothing was imported: template {which} in the file has no name.</source>
        <translation>何も読み込みませんでした。ファイルのテンプレート {which} に名前がありません。</translation>
    </message>
    <message>
        <source>Nothing was imported: the name of template {which} in the file is too long.</source>
        <translation>何も読み込みませんでした。ファイルのテンプレート {which} の名前が長すぎます。</translation>
    </message>
    <message>
        <source>Nothing was imported: template {which} in the file has no text.</source>
        <translation>何も読み込みませんでした。ファイルのテンプレート {which} に本文がありません。</translation>
    </message>
    <message>
        <source>Nothing was imported: the text of template {which} in the file is too long.</source>
        <translation>何も読み込みませんでした。ファイルのテンプレート {which} の本文が長すぎます。</translation>
    </message>
    <message>
        <source>Nothing was imported: template {which} in the file has a mistake in its braces.</source>
        <translation>何も読み込みませんでした。ファイルのテンプレート {which} の本文で、波かっこに誤りがあります。</translation>
    </message>
    <message>
        <source>Nothing was imported: template {which} in the file has a category Community Desk does not know.</source>
        <translation>何も読み込みませんでした。ファイルのテンプレート {which} のカテゴリは、Community Desk にはないものです。</translation>
    </message>
    <message>
        <source>Nothing was imported: template {which} in the file has a language Community Desk does not know.</source>
        <translation>何も読み込みませんでした。ファイルのテンプレート {which} の言語は、Community Desk では使えないものです。</translation>
    </message>
    <message>
        <source>Nothing was imported: the shortcut of template {which} in the file is too long.</source>
        <translation>何も読み込みませんでした。ファイルのテンプレート {which} のショートカットが長すぎます。</translation>
    </message>
    <message>
        <source>Nothing was imported: entry {which} in the file is not a complete template.</source>
        <translation>何も読み込みませんでした。ファイルの項目 {which} は、テンプレートとして不完全です。</translation>
    </message>
</context>
<context>
    <name>TemplatesScreen</name>
    <message>
        <source>All categories</source>
        <translation>すべてのカテゴリ</translation>
    </message>
    <message>
        <source>Show category</source>
        <translation>表示するカテゴリ</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>表示(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;New Template</source>
        <translation>新しいテンプレート(&amp;N)</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>複製(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>読み込み(&amp;I)…</translation>
    </message>
    <message>
        <source>Add the templates of a file exported from Community Desk</source>
        <translation>Community Desk から書き出したファイルのテンプレートを追加します</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>書き出し(&amp;X)…</translation>
    </message>
    <message>
        <source>Save every template to a file, to use on another computer or keep as a copy</source>
        <translation>すべてのテンプレートをファイルに保存します。別のコンピューターで使ったり、控えとして残したりできます</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>カテゴリ</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>使用回数</translation>
    </message>
    <message>
        <source>Saved replies</source>
        <translation>返信テンプレート</translation>
    </message>
    <message>
        <source>No saved replies yet</source>
        <translation>返信テンプレートはまだありません</translation>
    </message>
    <message>
        <source>Write the answers you give often once: each one fills in the customer's name and your shop's contact details when you reply.</source>
        <translation>よく使う返信を一度書いておきましょう。返信するときに、お客様の名前やお店の連絡先が自動で入ります。</translation>
    </message>
    <message>
        <source>New Template</source>
        <translation>新しいテンプレート</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>読み込み…</translation>
    </message>
    <message>
        <source>Save the changes to “{name}”?</source>
        <translation>「{name}」の変更を保存しますか？</translation>
    </message>
    <message>
        <source>Save the new template?</source>
        <translation>新しいテンプレートを保存しますか？</translation>
    </message>
    <message>
        <source>Unsaved Template</source>
        <translation>未保存のテンプレート</translation>
    </message>
    <message>
        <source>It cannot be saved as it is: {problem}</source>
        <translation>このままでは保存できません：{problem}</translation>
    </message>
    <message>
        <source>Your changes are lost if you do not save them.</source>
        <translation>保存しないと、変更は失われます。</translation>
    </message>
    <message>
        <source>This template was deleted meanwhile. Save adds it again as it is here.</source>
        <translation>このテンプレートはその間に削除されました。保存すると、ここにある内容で追加し直します。</translation>
    </message>
    <message>
        <source>Delete Template</source>
        <translation>テンプレートの削除</translation>
    </message>
    <message>
        <source>Delete the template “{name}”?</source>
        <translation>テンプレート「{name}」を削除しますか？</translation>
    </message>
    <message>
        <source>It is gone for good; replies already written with it stay as they are.</source>
        <translation>削除すると元に戻せません。このテンプレートで書いた返信はそのまま残ります。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Imported 1 template.</source>
        <translation>テンプレートを 1 件読み込みました。</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n templates.</source>
        <translation>
            <numerusform>テンプレートを %n 件読み込みました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported 1 template to {file}.</source>
        <translation>テンプレート 1 件を {file} に書き出しました。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n templates to {file}.</source>
        <translation>
            <numerusform>テンプレート %n 件を {file} に書き出しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Templates</source>
        <translation>テンプレートの読み込み</translation>
    </message>
    <message>
        <source>Templates (*.json);;All files (*)</source>
        <translation>テンプレート (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Export Templates</source>
        <translation>テンプレートの書き出し</translation>
    </message>
    <message>
        <source>Templates (*.json)</source>
        <translation>テンプレート (*.json)</translation>
    </message>
</context>
<context>
    <name>TextCounter</name>
    <message>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <source>Bluesky</source>
        <translation>Bluesky</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>フィード</translation>
    </message>
    <message>
        <source>1 character over {network}'s limit of {limit}</source>
        <translation>{network} の上限 {limit} 文字を 1 文字超えています</translation>
    </message>
    <message>
        <source>{count} characters over {network}'s limit of {limit}</source>
        <translation>{network} の上限 {limit} 文字を {count} 文字超えています</translation>
    </message>
    <message>
        <source>1 byte over {network}'s limit of {limit} bytes</source>
        <translation>{network} の上限 {limit} バイトを 1 バイト超えています</translation>
    </message>
    <message>
        <source>{count} bytes over {network}'s limit of {limit} bytes</source>
        <translation>{network} の上限 {limit} バイトを {count} バイト超えています</translation>
    </message>
    <message>
        <source>{used} / {limit}</source>
        <translation>{used} / {limit}</translation>
    </message>
    <message>
        <source>{used} / {limit} bytes</source>
        <translation>{used} / {limit} バイト</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Characters used, as the network counts them</source>
        <translation>ネットワークの数え方での文字数</translation>
    </message>
</context>
<context>
    <name>TimeWords</name>
    <message>
        <source>{n} min</source>
        <translation>{n}分</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n}時間</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n}日</translation>
    </message>
    <message>
        <source>{n} wk</source>
        <translation>{n}週間</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Show Community Desk</source>
        <translation>Community Desk を表示</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Community Desk: 1 mention waiting</source>
        <translation>Community Desk: 返信待ち 1 件</translation>
    </message>
    <message numerus="yes">
        <source>Community Desk: %n mentions waiting</source>
        <translation>
            <numerusform>Community Desk: 返信待ち %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>新しい苦情</translation>
    </message>
    <message>
        <source>A new complaint is waiting in the inbox.</source>
        <translation>新しい苦情が受信箱で返信を待っています。</translation>
    </message>
    <message>
        <source>New complaints</source>
        <translation>新しい苦情</translation>
    </message>
    <message numerus="yes">
        <source>%n new complaints are waiting in the inbox.</source>
        <translation>
            <numerusform>%n 件の新しい苦情が受信箱で返信を待っています。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未送信</translation>
    </message>
    <message>
        <source>A reply or post could not be sent. Open Community Desk to see why.</source>
        <translation>返信または投稿を送信できませんでした。Community Desk を開いて理由をご確認ください。</translation>
    </message>
    <message numerus="yes">
        <source>%n replies or posts could not be sent. Open Community Desk to see why.</source>
        <translation>
            <numerusform>%n 件の返信または投稿を送信できませんでした。Community Desk を開いて理由をご確認ください。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>取り消す</translation>
    </message>
    <message>
        <source>Take the reply back and keep editing it</source>
        <translation>返信を取り消して、編集を続けます</translation>
    </message>
    <message>
        <source>Sending in {seconds} s…</source>
        <translation>あと {seconds} 秒で送信…</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <source>Week</source>
        <translation>週</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>ほか %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to plan a post at this hour</source>
        <translation>クリックしてこの時間に投稿を予定</translation>
    </message>
</context>
<context>
    <name>WeeklyPdfBox</name>
    <message>
        <source>Weekly summary</source>
        <translation>週のまとめ</translation>
    </message>
    <message>
        <source>Save the week's summary as a PDF every Monday</source>
        <translation>毎週月曜日に週のまとめを PDF で保存する</translation>
    </message>
    <message>
        <source>No folder chosen</source>
        <translation>フォルダーが選ばれていません</translation>
    </message>
    <message>
        <source>Folder for weekly summaries</source>
        <translation>週のまとめの保存先フォルダー</translation>
    </message>
    <message>
        <source>Choose Folder…</source>
        <translation>フォルダーを選ぶ…</translation>
    </message>
    <message>
        <source>Save Weekly Summaries In</source>
        <translation>週のまとめの保存先</translation>
    </message>
    <message>
        <source>Each PDF is named after the shop and the week, such as “2026-W47”. A Monday the computer is off is caught up the next time Community Desk starts.</source>
        <translation>PDF の名前はお店の名前と週(「2026-W47」など)になります。月曜日にコンピューターが止まっていた場合は、次に Community Desk を起動したときに保存します。</translation>
    </message>
    <message>
        <source>Last week's summary is saved here shortly after Community Desk starts, then each Monday.</source>
        <translation>Community Desk の起動後まもなく先週のまとめをここに保存し、その後は毎週月曜日に保存します。</translation>
    </message>
    <message>
        <source>Saved here each Monday. The latest: week {week} of {year}.</source>
        <translation>毎週月曜日にここへ保存します。最新: {year}年 第{week}週。</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to Community Desk</source>
        <translation>Community Desk へようこそ</translation>
    </message>
    <message>
        <source>Welcome!</source>
        <translation>ようこそ！</translation>
    </message>
    <message>
        <source>Community Desk gathers what customers say about your shop on Mastodon, Bluesky and the web into one inbox, so no question or complaint is left waiting.</source>
        <translation>Community Desk は、Mastodon や Bluesky、ウェブでお客様がお店について話していることを一つの受信箱にまとめます。質問や苦情を待たせたままにすることがなくなります。</translation>
    </message>
    <message>
        <source>First, a few details about your shop. Saved replies fill them in, so customers always know how to reach you one to one. You can change them later in Settings.</source>
        <translation>まず、お店の情報を教えてください。返信テンプレートにこの情報が入るので、お客様はいつでも個別にお店へ連絡できます。あとから「設定」で変更できます。</translation>
    </message>
    <message>
        <source>Shop name:</source>
        <translation>店名:</translation>
    </message>
    <message>
        <source>Contact email:</source>
        <translation>連絡先メール:</translation>
    </message>
    <message>
        <source>Contact phone:</source>
        <translation>連絡先電話番号:</translation>
    </message>
    <message>
        <source>Staff name for sign-offs:</source>
        <translation>署名に使う担当者名:</translation>
    </message>
    <message>
        <source>Connect an Account</source>
        <translation>アカウントを接続</translation>
    </message>
    <message>
        <source>Try the Demo</source>
        <translation>デモを試す</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>あとで</translation>
    </message>
    <message>
        <source>Opens a second window with sample mentions to try things out; your own workspace is not touched.</source>
        <translation>サンプルの投稿が入った別のウィンドウを開いて、操作を試せます。お店のワークスペースには影響しません。</translation>
    </message>
</context>
<context>
    <name>_MissedRow</name>
    <message>
        <source>Planned for {when}</source>
        <translation>予定: {when}</translation>
    </message>
    <message>
        <source>{account} ({network})</source>
        <translation>{account}（{network}）</translation>
    </message>
    <message>
        <source>Not published on {accounts}</source>
        <translation>{accounts} に公開されていません</translation>
    </message>
    <message>
        <source>Post &amp;Now</source>
        <translation>今すぐ投稿(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Reschedule…</source>
        <translation>予定を変更(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>破棄(&amp;D)</translation>
    </message>
    <message>
        <source>Give it up: it is not published</source>
        <translation>公開をやめます</translation>
    </message>
</context>
</TS>
