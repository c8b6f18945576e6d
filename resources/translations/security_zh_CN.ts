<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The database %1 is encrypted. Sign in to open it.</source>
        <translation>数据库 %1 已加密，请登录后打开。</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Demo database (made-up data): username %1, password %2</source>
        <translation>演示数据库（虚构数据）：用户名 %1，密码 %2</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Forgot password…</source>
        <translation>忘记密码(&amp;F)…</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Forgot password</source>
        <translation>忘记密码</translation>
    </message>
    <message>
        <source>Type the recovery key printed when this computer was set up (8 groups of 5 characters) and a new password for the system administrator.</source>
        <translation>请输入本机设置时打印的恢复密钥（8 组，每组 5 个字符），并为系统管理员设置新密码。</translation>
    </message>
    <message>
        <source>&amp;Recovery key:</source>
        <translation>恢复密钥(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Administrator:</source>
        <translation>管理员(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>Re&amp;peat password:</source>
        <translation>确认密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Set the new password</source>
        <translation>设置新密码</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>The screen was locked after a while without use. %1, type your password to go on.</source>
        <translation>长时间未操作，屏幕已锁定。%1，请输入密码继续。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <source>Your recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>It is shown only now: write it down or print it.</source>
        <translation>恢复密钥只显示这一次：请抄写或打印。</translation>
    </message>
    <message>
        <source>The database on this computer is encrypted. If the administrator password is forgotten, only this key opens it again. Keep it locked away from this computer: whoever has both can read every record.</source>
        <translation>本机数据库已加密。忘记管理员密码时，只有这把恢复密钥能重新打开它。请把它锁好，不要与电脑放在一起：同时拿到两者的人可以读出全部记录。</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>I have &amp;written down or printed the recovery key</source>
        <translation>我已抄写/打印恢复密钥(&amp;W)</translation>
    </message>
    <message>
        <source>Print the recovery key</source>
        <translation>打印恢复密钥</translation>
    </message>
</context>
<context>
    <name>WelcomeWizard</name>
    <message>
        <source>&amp;Set up</source>
        <translation>建立(&amp;S)</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>原密码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>Re&amp;peat password:</source>
        <translation>确认密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>修改(&amp;C)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
</context>
</TS>
