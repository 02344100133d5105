<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar">
<context>
    <name>AgreementDialog</name>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="87" />
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="95" />
        <source>{a} vs {b} ({count} document(s))</source>
        <translation>{a} مقابل {b} ({count} مستند)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="102" />
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="102" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="102" />
        <source>Only in</source>
        <translation>عند فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="102" />
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="102" />
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="112" />
        <source>Pair:</source>
        <translation>الزوج:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="118" />
        <source>Disagreements (Enter or double-click to open the text there):</source>
        <translation>مواضع الخلاف (اضغط Enter أو انقر مرتين لفتح النص عندها):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="121" />
        <source>Agreement needs spans from at least two annotators.</source>
        <translation>يحتاج حساب الاتفاق إلى وسوم من موسِّمَين على الأقل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="135" />
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="138" />
        <source>Overall: exact F1 {exact}, overlap F1 {overlap}, kappa {kappa}, alpha_u {alpha}. Left out: {left}.</source>
        <translation>الإجمالي: F1 التطابق التام {exact}، F1 التداخل {overlap}، كابا {kappa}، ألفا_u {alpha}. المستبعد: {left}.</translation>
    </message>
</context>
<context>
    <name>AnnotationSession</name>
    <message>
        <location filename="../../annotator/gui/session.py" line="92" />
        <source>tag “{text}” as {label}</source>
        <translation>وسم «{text}» بـ {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="98" />
        <source>delete {label} “{text}”</source>
        <translation>حذف {label} «{text}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="107" />
        <source>relabel “{text}” as {label}</source>
        <translation>تغيير وسم «{text}» إلى {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="113" />
        <source>change the boundaries of “{text}”</source>
        <translation>تغيير حدود «{text}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="119" />
        <source>accept “{text}”</source>
        <translation>قبول «{text}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="119" />
        <source>reject “{text}”</source>
        <translation>رفض «{text}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="120" />
        <source>reset “{text}”</source>
        <translation>إعادة «{text}» إلى مسودة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="132" />
        <source>cannot undo: {error}</source>
        <translation>تعذّر التراجع: {error}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="135" />
        <source>Nothing to undo in this document.</source>
        <translation>لا شيء للتراجع عنه في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="137" />
        <source>undo from history</source>
        <translation>تراجع من السجل</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="26" />
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="27" />
        <source>Spans</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="28" />
        <source>Mine</source>
        <translation>لي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="29" />
        <source>Others</source>
        <translation>لغيري</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="93" />
        <source>Exporting {name} ({done} of {total})</source>
        <translation>تصدير {name} ({done} من {total})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="111" />
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="112" />
        <source>Cancel</source>
        <translation type="unfinished">إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="117" />
        <location filename="../../annotator/gui/export_dialog.py" line="143" />
        <location filename="../../annotator/gui/export_dialog.py" line="150" />
        <location filename="../../annotator/gui/export_dialog.py" line="157" />
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="144" />
        <source>Nothing was exported: {error}</source>
        <translation>لم يُصدَّر شيء: {error}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="151" />
        <source>Export cancelled: nothing was written.</source>
        <translation>أُلغي التصدير: لم يُكتب شيء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="158" />
        <source>Wrote {count} document(s) to {out}.</source>
        <translation>كُتب {count} مستند إلى {out}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="163" />
        <source>Some spans could not be carried by this format; see the details.</source>
        <translation>تعذّر حمل بعض الوسوم في هذه الصيغة؛ انظر التفاصيل.</translation>
    </message>
</context>
<context>
    <name>ExportOptionsDialog</name>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="44" />
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="50" />
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="59" />
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="60" />
        <source>Write to</source>
        <translation>الكتابة إلى</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="73" />
        <source>Export to a new folder</source>
        <translation>التصدير إلى مجلد جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="77" />
        <source>Export to</source>
        <translation>التصدير إلى</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="77" />
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="20" />
        <source>Find in document…</source>
        <translation>ابحث في المستند…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="24" />
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="26" />
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="28" />
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="77" />
        <source>wrapped around</source>
        <translation>عاد البحث من البداية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="79" />
        <source>not found</source>
        <translation>غير موجود</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="16" />
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="16" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="18" />
        <location filename="../../annotator/gui/import_dialog.py" line="54" />
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="26" />
        <source>Importing {name} ({done} of {total})</source>
        <translation>استيراد {name} ({done} من {total})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="41" />
        <source>Imported {files} file(s): {new} new document(s), {old} already stored, {spans} new span(s).</source>
        <translation>استُورد {files} ملف: {new} مستند جديد، و{old} محفوظ من قبل، و{spans} وسم جديد.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="45" />
        <source> Cancelled: the files imported so far are kept.</source>
        <translation> أُلغي: الملفات المستوردة حتى الآن محفوظة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="55" />
        <source>{count} file(s) were not imported; nothing of them was written.</source>
        <translation>لم يُستورد {count} ملف، ولم يُكتب منها شيء.</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../annotator/gui/review.py" line="25" />
        <source>dotted</source>
        <translation>منقّط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="26" />
        <source>dashed</source>
        <translation>متقطّع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="27" />
        <source>dash-dot</source>
        <translation>شرطة ونقطة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="28" />
        <source>dash-dot-dot</source>
        <translation>شرطة ونقطتان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="48" />
        <source>yours: filled</source>
        <translation>وسومك: مظلّلة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="50" />
        <source>{pattern} underline</source>
        <translation>خط سفلي {pattern}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="131" />
        <source>Only documents I have not annotated yet</source>
        <translation>المستندات التي لم أوسمها بعد فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="138" />
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="167" />
        <source>Spans</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="176" />
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="183" />
        <source>All changes saved</source>
        <translation>حُفظت كل التغييرات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="190" />
        <source>offset {offset}</source>
        <translation>الموضع {offset}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="218" />
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="221" />
        <source>&amp;Import files…</source>
        <translation>ا&amp;ستيراد ملفات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="224" />
        <source>Import &amp;folder…</source>
        <translation>استيراد م&amp;جلد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="226" />
        <source>&amp;Export…</source>
        <translation>ت&amp;صدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="229" />
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="231" />
        <source>&amp;Edit</source>
        <translation>ت&amp;حرير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="233" />
        <source>&amp;Undo</source>
        <translation>ت&amp;راجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="234" />
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="242" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="253" />
        <source>Tag the selection as {name} ({description}). Key: {key}</source>
        <translation>وسم التحديد بـ {name} ({description}). المفتاح: {key}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="267" />
        <source>{name} (no word snapping)</source>
        <translation>{name} (دون الالتقاط إلى الكلمات)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="271" />
        <source>&amp;Delete span</source>
        <translation>&amp;حذف الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="278" />
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="282" />
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="285" />
        <source>Zoom &amp;in</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="289" />
        <source>Zoom &amp;out</source>
        <translation>تص&amp;غير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="292" />
        <source>&amp;Snap selection to whole words</source>
        <translation>ا&amp;لتقاط التحديد إلى كلمات كاملة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="302" />
        <source>Show &amp;other annotators' spans</source>
        <translation>إظهار وسوم الموسِّمين ال&amp;آخرين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="312" />
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="324" />
        <source>&amp;Go</source>
        <translation>ا&amp;نتقال</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="327" />
        <source>&amp;Next document</source>
        <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="332" />
        <source>&amp;Previous document</source>
        <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="336" />
        <source>Next &amp;span</source>
        <translation>الوسم التا&amp;لي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="340" />
        <source>Previous s&amp;pan</source>
        <translation>الوسم الساب&amp;ق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="344" />
        <source>Back to the &amp;text</source>
        <translation>العودة إلى ال&amp;نص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="347" />
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="349" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>اختصارات &amp;لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="394" />
        <source>{name} — annotator</source>
        <translation>{name} — المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="435" />
        <source>Select some text first (mouse, or Shift+arrows), then press a label key.</source>
        <translation>حدّد نصًا أولًا (بالفأرة أو Shift مع الأسهم)، ثم اضغط مفتاح الوسم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="441" />
        <source>The selection holds no word to tag.</source>
        <translation>لا يحوي التحديد كلمة لوسمها.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="460" />
        <source>No span is selected: click a span or pick one in the span list.</source>
        <translation>لا وسم محدد: انقر وسمًا أو اختره من قائمة الوسوم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="513" />
        <source>Tag the selection as</source>
        <translation>وسم التحديد بـ</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="513" />
        <source>Change the selected span to</source>
        <translation>تغيير الوسم المحدد إلى</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="519" />
        <source>Delete span</source>
        <translation>حذف الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="561" />
        <source>Saved ✓  {message}</source>
        <translation>حُفظ ✓  {message}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="571" />
        <source>{count} spans · {mine} mine · user {user}</source>
        <translation>{count} وسم · {mine} لي · المستخدم {user}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="607" />
        <source>Import documents</source>
        <translation>استيراد مستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="607" />
        <source>Documents (*.txt *.jsonl);;All files (*)</source>
        <translation>مستندات (*.txt *.jsonl);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="613" />
        <source>Import a folder (recursively)</source>
        <translation>استيراد مجلد (بما فيه)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="622" />
        <source>exported {count} document(s)</source>
        <translation>صُدِّر {count} مستند</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <location filename="../../annotator/gui/review.py" line="77" />
        <source>&amp;Review</source>
        <translation>م&amp;راجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="90" />
        <source>&amp;Review mode</source>
        <translation>&amp;وضع المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="94" />
        <source>&amp;Next disagreement</source>
        <translation>الخلاف ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="95" />
        <source>&amp;Previous disagreement</source>
        <translation>الخلاف ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="96" />
        <source>&amp;Accept span</source>
        <translation>&amp;قبول الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="97" />
        <source>&amp;Reject span</source>
        <translation>&amp;رفض الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="99" />
        <source>Accept with a comment…</source>
        <translation>قبول مع تعليق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="104" />
        <source>Reject with a comment…</source>
        <translation>رفض مع تعليق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="109" />
        <source>Set boundaries to the selection</source>
        <translation>جعل حدود الوسم هي التحديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="113" />
        <source>A&amp;greement…</source>
        <translation>الا&amp;تفاق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="129" />
        <source> (you are not a reviewer: accepting and rejecting will be refused)</source>
        <translation> (لست مراجِعًا: سيُرفض القبول والرفض)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="132" />
        <source>Review mode: N next disagreement, A accept, R reject, E set boundaries</source>
        <translation>وضع المراجعة: N الخلاف التالي، A قبول، R رفض، E ضبط الحدود</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="136" />
        <source>Review mode off</source>
        <translation>أُوقف وضع المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="145" />
        <source>No unresolved disagreements in this document (show two or more layers).</source>
        <translation>لا خلافات معلّقة في هذا المستند (أظهر طبقتين أو أكثر).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="158" />
        <source>{count} unresolved disagreement(s): {label} “{text}” by {annotator}</source>
        <translation>{count} خلاف معلّق: {label} «{text}» من {annotator}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="166" />
        <source>Select a span first (N goes to the next disagreement).</source>
        <translation>حدّد وسمًا أولًا (N ينقلك إلى الخلاف التالي).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="171" />
        <source>Review comment</source>
        <translation>تعليق المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="171" />
        <source>Comment on “{text}”:</source>
        <translation>تعليق على «{text}»:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="190" />
        <source>Select a span (N), then the new text, then press E.</source>
        <translation>حدّد وسمًا (N)، ثم النص الجديد، ثم اضغط E.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="195" />
        <source>The selection holds no word.</source>
        <translation>لا يحوي التحديد كلمة.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="49" />
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="102" />
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="53" />
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="53" />
        <source>Shortcut</source>
        <translation>الاختصار</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="53" />
        <source>Also</source>
        <translation>أيضًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="79" />
        <source>Click a shortcut and press the new keys. Changes are remembered.</source>
        <translation>انقر اختصارًا واضغط المفاتيح الجديدة. تُحفظ التغييرات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="92" />
        <source>{keys} is used by both “{a}” and “{b}”</source>
        <translation>{keys} مستخدم لكل من «{a}» و«{b}»</translation>
    </message>
</context>
<context>
    <name>SpanListModel</name>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="26" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="27" />
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="28" />
        <source>Annotator</source>
        <translation>الموسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="29" />
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="30" />
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
</context>
</TS>