<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Areas</name>
    <message>
        <source>Complaints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roster and swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handover log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phrases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Auth</name>
    <message>
        <source>You are not allowed to do this ({permission}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong login or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A login uses letters, digits, &apos;.&apos; and &apos;_&apos; only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The employee number is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown role: {role}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password needs at least {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login {login} is taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The employee number {no} is taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user with the login {login}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot take the administrator role from yourself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Kefu Desk — log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kefu Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is not answering; retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Kefu Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({employee_no}, {role})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Kefu Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kefu Desk — the customer-service department&apos;s desk.
Database: {db}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotAvailablePage</name>
    <message>
        <source>&lt;h2&gt;{title}&lt;/h2&gt;&lt;p&gt;This area is not available yet.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <source>someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who} changed this record at {when} ({fields}) after you opened it. Reload it and apply your changes again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>This setting has the wrong kind of value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list needs at least one entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list has an entry twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown setting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>The administrator&apos;s password is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Kefu Desk — first start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome. Name your company and create the administrator&apos;s account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company name is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kefu Desk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
