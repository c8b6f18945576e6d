<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/sync/page.py" line="1" />
        <source>Merge the townships' bundles as they come and write a receipt for each; regularly write a bundle for the province and import its receipt.</source>
        <translation>乡镇报送的同步文件随到随合并，并为每份写出回执；定期写出同步文件报送省级，并导入省级回执。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="1" />
        <source>Step 1: create this computer's keys (once per computer).</source>
        <translation>第一步：创建本机密钥（每台电脑只需一次）。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="1" />
        <source>Step 2: import the setup package the level above gave you (a .fpas file on a USB stick).</source>
        <translation>第二步：导入上级下发的配置包（U 盘中的 .fpas 文件）。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="1" />
        <source>The setup package names nobody to send to: ask the level above for a new one.</source>
        <translation>配置包中没有接收方：请向上级索取新的配置包。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="1" />
        <source>Regularly (each week or month): write a bundle to a USB stick and take it to the level above; import the receipt it gives back.</source>
        <translation>定期（每周或每月）：写出同步文件到 U 盘交给上级；上级返回回执后导入回执。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="1" />
        <source>Merge the bundles the counties send, then write a receipt for each.</source>
        <translation>合并各县报送的同步文件，再为每份写出回执。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="38" />
        <location filename="../../ui/sync/page.py" line="208" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="42" />
        <source>This installation</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="46" />
        <location filename="../../ui/sync/page.py" line="139" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="47" />
        <location filename="../../ui/sync/page.py" line="221" />
        <source>Device keys</source>
        <translation>本机密钥</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="48" />
        <source>Setup package</source>
        <translation>配置包</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="49" />
        <source>Changes not yet confirmed by the receiver</source>
        <translation>上级尚未确认的变更</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="50" />
        <source>Bundles written</source>
        <translation>已写出的同步文件</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="60" />
        <source>Create device &amp;keys…</source>
        <translation>创建本机密钥(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="61" />
        <source>Import setup &amp;package…</source>
        <translation>导入配置包(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="62" />
        <source>&amp;Write bundle…</source>
        <translation>写出同步文件(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="63" />
        <source>&amp;Merge bundles…</source>
        <translation>合并同步文件(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="64" />
        <source>Write &amp;receipt…</source>
        <translation>写出回执(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="65" />
        <source>&amp;Import receipts…</source>
        <translation>导入回执(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="89" />
        <source>Last merge</source>
        <translation>本次合并结果</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="90" />
        <source>Merged bundles</source>
        <translation>合并记录</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="111" />
        <location filename="../../ui/sync/page.py" line="144" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="113" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="116" />
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="118" />
        <source>Checked only</source>
        <translation>仅检查</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="120" />
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="123" />
        <location filename="../../ui/sync/page.py" line="138" />
        <source>Sender</source>
        <translation>发送方</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="124" />
        <location filename="../../ui/sync/page.py" line="140" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="125" />
        <location filename="../../ui/sync/page.py" line="141" />
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="126" />
        <location filename="../../ui/sync/page.py" line="142" />
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="127" />
        <location filename="../../ui/sync/page.py" line="143" />
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="128" />
        <source>Possible duplicates</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="129" />
        <source>Missing earlier bundles</source>
        <translation>缺少的前序文件</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="130" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="136" />
        <source>Merged at</source>
        <translation>合并时间</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="165" />
        <source>Key id %1%2</source>
        <translation>密钥编号 %1%2</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="168" />
        <source> — not protected by a passphrase</source>
        <translation>（未设口令保护）</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="172" />
        <source>None yet: create the device keys first.</source>
        <translation>尚未创建：请先创建本机密钥。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="175" />
        <source>%1, issued %2; %3 recipients, %4 trusted senders</source>
        <translation>%1，签发于 %2；接收方 %3 个，受信任发送方 %4 个</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="182" />
        <source>Not imported yet: import the setup package from the level above.</source>
        <translation>尚未导入：请导入上级下发的配置包。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="222" />
        <source>Passphrase of the device keys:</source>
        <translation>本机密钥口令：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="230" />
        <location filename="../../ui/sync/page.py" line="237" />
        <location filename="../../ui/sync/page.py" line="244" />
        <source>Create device keys</source>
        <translation>创建本机密钥</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="231" />
        <source>Passphrase (at least 8 characters):</source>
        <translation>口令（至少 8 个字符）：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="237" />
        <source>Passphrase again:</source>
        <translation>再次输入口令：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="245" />
        <source>The two passphrases differ or are shorter than 8 characters.</source>
        <translation>两次输入的口令不一致，或少于 8 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="255" />
        <source>Device keys created, key id %1.</source>
        <translation>已创建本机密钥，密钥编号 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="262" />
        <source>Import setup package</source>
        <translation>导入配置包</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="262" />
        <source>Setup packages (*.fpas)</source>
        <translation>配置包 (*.fpas)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="278" />
        <source>Trust the issuer?</source>
        <translation>是否信任签发方？</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="279" />
        <source>This package is signed by “%1” with key id</source>
        <translation>此配置包由“%1”签发，密钥编号为</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="281" />
        <source>Compare this key id with the one the level above gave you. Trust it?</source>
        <translation>请与上级书面或电话告知的密钥编号核对。是否信任？</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="291" />
        <source>Setup package imported from %1.</source>
        <translation>已导入“%1”签发的配置包。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="297" />
        <source>Write bundle to (USB stick or shared folder)</source>
        <translation>将同步文件写到（U 盘或共享文件夹）</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="314" />
        <source>Bundle %1 written with %2 records.</source>
        <translation>已写出同步文件 %1，共 %2 条记录。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="323" />
        <source>Merge bundles</source>
        <translation>合并同步文件</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="323" />
        <source>Bundles (*.fpab)</source>
        <translation>同步文件 (*.fpab)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="349" />
        <source>%1 of %2 bundles merged; refused bundles changed nothing.</source>
        <translation>已合并 %1 个（共 %2 个）同步文件；被拒绝的文件未改动任何数据。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="355" />
        <source>Write receipt to</source>
        <translation>回执写到</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="365" />
        <source>Receipt %1 written.</source>
        <translation>已写出回执 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="371" />
        <source>Import receipts</source>
        <translation>导入回执</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="371" />
        <source>Receipts (*.fpar)</source>
        <translation>回执 (*.fpar)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="379" />
        <source>Receipt imported: %1 bundles confirmed.</source>
        <translation>已导入回执：确认了 %1 个同步文件。</translation>
    </message>
</context>
</TS>