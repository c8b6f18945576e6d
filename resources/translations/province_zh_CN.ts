<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OpenProvinceDialog</name>
    <message>
        <source>Open province database</source>
        <translation>打开省级数据库</translation>
    </message>
    <message>
        <source>The province database is on a PostgreSQL server. Enter its address and the server user the program connects as; the password is not saved.</source>
        <translation>省级数据库在 PostgreSQL 服务器上。请填写服务器地址和程序连接所用的服务器用户名；密码不会保存。</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>服务器(&amp;V)：</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库名(&amp;D)：</translation>
    </message>
    <message>
        <source>Server &amp;user:</source>
        <translation>服务器用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open p&amp;rovince database…</source>
        <translation>打开省级数据库(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to the province database %1.</source>
        <translation>请登录省级数据库 %1。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Province database</source>
        <translation>省级数据库</translation>
    </message>
    <message>
        <source>Password of %1:</source>
        <translation>%1 的密码：</translation>
    </message>
</context>
</TS>
