<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AgreementChart</name>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="106"/>
        <source>n/a</source>
        <translation>غير متاح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="122"/>
        <source>overall</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="184"/>
        <source>n/a: nothing to compare</source>
        <translation>غير متاح: لا شيء للمقارنة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="204"/>
        <source>No pair to compare</source>
        <translation>لا يوجد زوج للمقارنة</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="284"/>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="296"/>
        <source>{a} vs {b} ({count} document(s))</source>
        <translation>{a} مقابل {b} ({count} مستند)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="306"/>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="306"/>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="306"/>
        <source>Only in</source>
        <translation>عند فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="306"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="306"/>
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="316"/>
        <source>Pair:</source>
        <translation>الزوج:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="322"/>
        <source>Disagreements (Enter or double-click to open the text there):</source>
        <translation>مواضع الخلاف (اضغط Enter أو انقر مرتين لفتح النص عندها):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="326"/>
        <source>Agreement needs spans from at least two annotators.</source>
        <translation>يحتاج حساب الاتفاق إلى وسوم من موسِّمَين على الأقل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="368"/>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="371"/>
        <source>Overall: exact F1 {exact}, overlap F1 {overlap}, kappa {kappa}, alpha_u {alpha}. Left out: {left}.</source>
        <translation>الإجمالي: F1 التطابق التام {exact}، F1 التداخل {overlap}، كابا {kappa}، ألفا_u {alpha}. المستبعد: {left}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="383"/>
        <source>Links: exact F1 {exact}, F1 given both ends {given} ({a} vs {b} links, {matched} matched).</source>
        <translation>الروابط: F1 مطابق {exact}، وF1 مع اتفاق الطرفين {given} ({a} مقابل {b} رابطًا، {matched} متطابقة).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/agreement_dialog.py" line="388"/>
        <source>{open} open; {resolved} already resolved by a reviewer (accepted or rejected), not listed.</source>
        <translation>{open} مفتوحة؛ {resolved} حسمها مراجع (مقبولة أو مرفوضة) ولا تُعرض.</translation>
    </message>
</context>
<context>
    <name>AnnotationSession</name>
    <message>
        <location filename="../../annotator/gui/session.py" line="84"/>
        <source>link “{a}” → “{b}”</source>
        <translation>ربط «{a}» ← «{b}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="89"/>
        <source>{status} a {type} link</source>
        <translation>{status} رابط {type}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="93"/>
        <source>delete a {type} link</source>
        <translation>حذف رابط {type}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="131"/>
        <location filename="../../annotator/gui/session.py" line="287"/>
        <source>tag “{text}” as {label}</source>
        <translation>وسم «{text}» بـ {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="138"/>
        <source>accept the suggestion “{text}” as {label}</source>
        <translation>قبول الاقتراح «{text}» {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="144"/>
        <location filename="../../annotator/gui/session.py" line="290"/>
        <source>delete {label} “{text}”</source>
        <translation>حذف {label} «{text}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="153"/>
        <source>relabel “{text}” as {label}</source>
        <translation>تغيير وسم «{text}» إلى {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="159"/>
        <source>change the boundaries of “{text}”</source>
        <translation>تغيير حدود «{text}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="165"/>
        <source>accept “{text}”</source>
        <translation>قبول «{text}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="165"/>
        <source>reject “{text}”</source>
        <translation>رفض «{text}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="166"/>
        <source>reset “{text}”</source>
        <translation>إعادة «{text}» إلى مسودة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="178"/>
        <source>cannot undo: {error}</source>
        <translation>تعذّر التراجع: {error}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="181"/>
        <source>Nothing to undo in this document.</source>
        <translation>لا شيء للتراجع عنه في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="186"/>
        <source>Undone: {what}</source>
        <translation>تراجعت عن: {what}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="192"/>
        <source>Nothing to redo in this document.</source>
        <translation>لا شيء لإعادته في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="198"/>
        <source>cannot redo: {error}</source>
        <translation>تعذّرت الإعادة: {error}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="200"/>
        <source>Redone: {what}</source>
        <translation>أعدت: {what}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="284"/>
        <source>a {type} link</source>
        <translation>رابط {type}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="285"/>
        <source>the deletion of a {type} link</source>
        <translation>حذف رابط {type}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/session.py" line="294"/>
        <source>change of “{text}”</source>
        <translation>تعديل «{text}»</translation>
    </message>
    <message>
        <source>undo from history</source>
        <translation type="vanished">تراجع من السجل</translation>
    </message>
</context>
<context>
    <name>DocumentFilterProxy</name>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="112"/>
        <source>All documents</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="113"/>
        <source>To do</source>
        <translation>للإنجاز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="114"/>
        <source>Finished</source>
        <translation>المنجزة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="115"/>
        <source>Skipped</source>
        <translation>المتخطاة</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="29"/>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="30"/>
        <source>Spans</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="31"/>
        <source>Mine</source>
        <translation>لي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="32"/>
        <source>Others</source>
        <translation>لغيري</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="33"/>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="102"/>
        <source>{name}: {count} spans, {mine} of them yours</source>
        <translation>{name}: {count} وسمًا، {mine} منها لك</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="105"/>
        <source>assigned to you</source>
        <translation>مُسند إليك</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="177"/>
        <source>Exporting {name} ({done} of {total})</source>
        <translation>تصدير {name} ({done} من {total})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="207"/>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="208"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="213"/>
        <location filename="../../annotator/gui/export_dialog.py" line="252"/>
        <location filename="../../annotator/gui/export_dialog.py" line="259"/>
        <location filename="../../annotator/gui/export_dialog.py" line="266"/>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="233"/>
        <source>rejected span(s) left out (choose them under Review status)</source>
        <translation>مقاطع مرفوضة لم تُصدَّر (اخترها من «حالة المراجعة»)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="253"/>
        <source>Nothing was exported: {error}</source>
        <translation>لم يُصدَّر شيء: {error}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="260"/>
        <source>Export cancelled: nothing was written.</source>
        <translation>أُلغي التصدير: لم يُكتب شيء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="267"/>
        <source>Wrote {count} document(s) to {out}.</source>
        <translation>كُتب {count} مستند إلى {out}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="272"/>
        <source>Some spans could not be carried by this format; see the details.</source>
        <translation>تعذّر حمل بعض الوسوم في هذه الصيغة؛ انظر التفاصيل.</translation>
    </message>
</context>
<context>
    <name>ExportOptionsDialog</name>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="48"/>
        <source>Adjudicated: accepted spans</source>
        <translation>المحسوم: المقاطع المقبولة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="49"/>
        <source>Not rejected: accepted spans and drafts</source>
        <translation>غير المرفوض: المقبولة والمسودات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="50"/>
        <source>Everything, rejected spans included</source>
        <translation>الكل، بما فيه المرفوض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="52"/>
        <source>Rejected spans only</source>
        <translation>المرفوضة فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="64"/>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="70"/>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="81"/>
        <source>Also documents without a chosen span</source>
        <translation>والمستندات التي لا مقطع مختارًا فيها</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="82"/>
        <source>Only finished documents (the gold layer: no open disagreement)</source>
        <translation>المستندات المنجزة فقط (الطبقة المعتمدة: بلا خلاف مفتوح)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="85"/>
        <source>none (one output); e.g. train=0.8,dev=0.1,test=0.1</source>
        <translation>بلا تقسيم (ملف واحد)؛ مثلًا train=0.8,dev=0.1,test=0.1</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="95"/>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="96"/>
        <source>Write to</source>
        <translation>الكتابة إلى</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="97"/>
        <source>Annotators</source>
        <translation>المعلِّمون</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="98"/>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="99"/>
        <source>Review status</source>
        <translation>حالة المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="102"/>
        <source>Split</source>
        <translation>التقسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="103"/>
        <source>Seed</source>
        <translation>البذرة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="127"/>
        <source>Export to a new folder</source>
        <translation>التصدير إلى مجلد جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="131"/>
        <source>Export to</source>
        <translation>التصدير إلى</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="137"/>
        <source>Choose where to write.</source>
        <translation>اختر مكان الحفظ.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="140"/>
        <source>Choose at least one annotator.</source>
        <translation>اختر معلِّمًا واحدًا على الأقل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="143"/>
        <source>Choose at least one label.</source>
        <translation>اختر وسمًا واحدًا على الأقل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/export_dialog.py" line="130"/>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../annotator/gui/file_dialogs.py" line="36"/>
        <source>Folder</source>
        <translation>مجلد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_dialogs.py" line="39"/>
        <source>File</source>
        <translation>ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_dialogs.py" line="40"/>
        <source>{suffix} file</source>
        <translation>ملف {suffix}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="20"/>
        <source>Find in document…</source>
        <translation>ابحث في المستند…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="24"/>
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="26"/>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="28"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="82"/>
        <source>wrapped around</source>
        <translation>عاد البحث من البداية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="85"/>
        <source>not found</source>
        <translation>غير موجود</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="18"/>
        <source>Importable files ({patterns})</source>
        <translation>ملفات قابلة للاستيراد ({patterns})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="20"/>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="25"/>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="25"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="27"/>
        <location filename="../../annotator/gui/import_dialog.py" line="66"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="35"/>
        <source>Importing {name} ({done} of {total})</source>
        <translation>استيراد {name} ({done} من {total})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="51"/>
        <source>Nothing was imported: {count} file(s) had errors.</source>
        <translation>لم يُستورد شيء: في {count} ملف أخطاء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="53"/>
        <source>Imported {files} file(s): {new} new document(s), {old} already stored, {spans} new span(s).</source>
        <translation>استُورد {files} ملف: {new} مستند جديد، و{old} محفوظ من قبل، و{spans} وسم جديد.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="57"/>
        <source> Cancelled: the files imported so far are kept.</source>
        <translation> أُلغي: الملفات المستوردة حتى الآن محفوظة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="67"/>
        <source>{count} file(s) were not imported; nothing of them was written.</source>
        <translation>لم يُستورد {count} ملف، ولم يُكتب منها شيء.</translation>
    </message>
</context>
<context>
    <name>Label</name>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="25"/>
        <source>actor</source>
        <translation>فاعل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="25"/>
        <source>location</source>
        <translation>مكان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="26"/>
        <source>date</source>
        <translation>تاريخ</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="26"/>
        <source>claim</source>
        <translation>ادعاء</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../annotator/gui/review.py" line="26"/>
        <source>dotted</source>
        <translation>منقّط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="27"/>
        <source>dashed</source>
        <translation>متقطّع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="28"/>
        <source>dash-dot</source>
        <translation>شرطة ونقطة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="29"/>
        <source>dash-dot-dot</source>
        <translation>شرطة ونقطتان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="49"/>
        <source>yours: filled</source>
        <translation>وسومك: مظلّلة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="51"/>
        <source>{pattern} underline</source>
        <translation>خط سفلي {pattern}</translation>
    </message>
</context>
<context>
    <name>LinkingController</name>
    <message>
        <location filename="../../annotator/gui/linking.py" line="80"/>
        <source>Select a span first (click it, or Ctrl+. / Ctrl+,), then press L.</source>
        <translation>اختر مقطعًا أولًا (انقره، أو Ctrl+. / Ctrl+,) ثم اضغط L.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/linking.py" line="88"/>
        <source>nothing (no link type starts at {label})</source>
        <translation>لا شيء (لا نوع رابط يبدأ من {label})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/linking.py" line="90"/>
        <source>No span to link this {label} to: tag one first ({wanted}).</source>
        <translation>لا مقطع يُربط به هذا {label}: وسِّم واحدًا أولًا ({wanted}).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/linking.py" line="117"/>
        <source>Linking cancelled.</source>
        <translation>أُلغي الربط.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/linking.py" line="128"/>
        <source>No link type goes from {a} to {b}.</source>
        <translation>لا نوع رابط من {a} إلى {b}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/linking.py" line="157"/>
        <source>Link “{source}” to “{target}” ({label}): Enter links, Tab / Shift+Tab choose another, Esc cancels</source>
        <translation>ربط «{source}» بـ«{target}» ({label}): Enter يربط، Tab / Shift+Tab لاختيار غيره، Esc يلغي</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/panels.py" line="108"/>
        <source>Only documents I have not annotated yet</source>
        <translation>المستندات التي لم أوسمها بعد فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/panels.py" line="125"/>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/panels.py" line="139"/>
        <source>Links</source>
        <translation>الروابط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/panels.py" line="174"/>
        <source>Spans</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/panels.py" line="186"/>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/panels.py" line="194"/>
        <source>All changes saved</source>
        <translation>حُفظت كل التغييرات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/panels.py" line="196"/>
        <source>REVIEW MODE</source>
        <translation>وضع المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/panels.py" line="212"/>
        <source>offset {offset}</source>
        <translation>الموضع {offset}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="33"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="36"/>
        <source>&amp;Import files…</source>
        <translation>ا&amp;ستيراد ملفات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="40"/>
        <source>Import &amp;folder…</source>
        <translation>استيراد م&amp;جلد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="42"/>
        <source>&amp;Export…</source>
        <translation>ت&amp;صدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="45"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="47"/>
        <source>&amp;Edit</source>
        <translation>ت&amp;حرير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="49"/>
        <source>&amp;Undo</source>
        <translation>ت&amp;راجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="51"/>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="56"/>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="67"/>
        <source>Tag the selection as {name} ({description}). Key: {key}</source>
        <translation>وسم التحديد بـ {name} ({description}). المفتاح: {key}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="81"/>
        <source>{name} (no word snapping)</source>
        <translation>{name} (دون الالتقاط إلى الكلمات)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="85"/>
        <source>&amp;Delete span</source>
        <translation>&amp;حذف الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="90"/>
        <source>&amp;Peel a proclitic off</source>
        <translation>إزالة &amp;سابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="91"/>
        <source>Put the proclitic back</source>
        <translation>إعادة السابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="93"/>
        <source>&amp;Link the selected span…</source>
        <translation>&amp;ربط المقطع المختار…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="98"/>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="101"/>
        <source>&amp;Search all documents…</source>
        <translation>ا&amp;بحث في كل المستندات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="104"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="106"/>
        <source>&amp;Refresh</source>
        <translation>ت&amp;حديث</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="110"/>
        <source>Zoom &amp;in</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="114"/>
        <source>Zoom &amp;out</source>
        <translation>تص&amp;غير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="117"/>
        <source>&amp;Snap selection to whole words</source>
        <translation>ا&amp;لتقاط التحديد إلى كلمات كاملة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="127"/>
        <source>S&amp;uggestions</source>
        <translation>الا&amp;قتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="131"/>
        <source>Show &amp;other annotators&apos; spans</source>
        <translation>إظهار وسوم الموسِّمين ال&amp;آخرين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="142"/>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="154"/>
        <source>&amp;Go</source>
        <translation>ا&amp;نتقال</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="157"/>
        <source>&amp;Next document</source>
        <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="162"/>
        <source>&amp;Previous document</source>
        <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="166"/>
        <source>Next &amp;span</source>
        <translation>الوسم التا&amp;لي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="168"/>
        <source>Next su&amp;ggestion</source>
        <translation>الاقتراح ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="170"/>
        <source>Previous suggestion</source>
        <translation>الاقتراح السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="174"/>
        <source>Previous s&amp;pan</source>
        <translation>الوسم الساب&amp;ق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="178"/>
        <source>Back to the &amp;text</source>
        <translation>العودة إلى ال&amp;نص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="181"/>
        <source>&amp;Finish document and open the next</source>
        <translation>أ&amp;نهِ المستند وافتح التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="183"/>
        <source>S&amp;kip document…</source>
        <translation>ت&amp;خطَّ المستند…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="186"/>
        <source>&amp;Suggestions</source>
        <translation>ا&amp;قتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="188"/>
        <source>&amp;Train the model now</source>
        <translation>&amp;درّب النموذج الآن</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="190"/>
        <source>&amp;Retrain after…</source>
        <translation>أعد التدريب &amp;بعد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="192"/>
        <source>&amp;Suggest again for this document</source>
        <translation>ا&amp;قترح من جديد لهذا المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="195"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="196"/>
        <source>&amp;Guidelines</source>
        <translation>الإ&amp;رشادات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/menus.py" line="199"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>اختصارات &amp;لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="31"/>
        <source>Refreshed: {count} span(s) in this document.</source>
        <translation>حُدِّث: {count} مقطع في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="36"/>
        <source>Changed by another program: F5 shows the changes</source>
        <translation>غيّر برنامج آخر قاعدة البيانات: F5 يعرض التغييرات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="178"/>
        <source>{name} — annotator</source>
        <translation>{name} — المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="228"/>
        <source>Select some text first (mouse, or Shift+arrows), then press a label key.</source>
        <translation>حدّد نصًا أولًا (بالفأرة أو Shift مع الأسهم)، ثم اضغط مفتاح الوسم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="234"/>
        <source>The selection holds no word to tag.</source>
        <translation>لا يحوي التحديد كلمة لوسمها.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="253"/>
        <source>Select some text or a span first, then press P.</source>
        <translation>اختر نصًا أو مقطعًا أولًا ثم اضغط P.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="260"/>
        <source>Nothing to put back.</source>
        <translation>لا شيء لإعادته.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="266"/>
        <source>No proclitic to take off (و ف ب ك ل; the article ال stays).</source>
        <translation>لا سابقة لإزالتها (و ف ب ك ل؛ وأداة التعريف ال تبقى).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="295"/>
        <source>No span is selected: click a span or pick one in the span list.</source>
        <translation>لا وسم محدد: انقر وسمًا أو اختره من قائمة الوسوم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="321"/>
        <source>{status} by {reviewer}: “{note}”</source>
        <translation>{status} من {reviewer}: «{note}»</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="355"/>
        <source>Tag the selection as</source>
        <translation>وسم التحديد بـ</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="355"/>
        <source>Change the selected span to</source>
        <translation>تغيير الوسم المحدد إلى</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="361"/>
        <source>Link to…  (L)</source>
        <translation>ربط بـ…  (L)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="364"/>
        <source>Delete span</source>
        <translation>حذف الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="419"/>
        <source>Saved ✓  {message}</source>
        <translation>حُفظ ✓  {message}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="428"/>
        <source>1 span · {mine} mine · user {user}</source>
        <translation>مقطع واحد · {mine} لي · المستخدم {user}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="429"/>
        <source>{count} spans · {mine} mine · user {user}</source>
        <translation>{count} وسم · {mine} لي · المستخدم {user}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="46"/>
        <source>Import documents</source>
        <translation>استيراد مستندات</translation>
    </message>
    <message>
        <source>Documents (*.txt *.jsonl);;All files (*)</source>
        <translation type="vanished">مستندات (*.txt *.jsonl);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="53"/>
        <source>Import a folder (recursively)</source>
        <translation>استيراد مجلد (بما فيه)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="65"/>
        <source>exported {count} document(s)</source>
        <translation>صُدِّر {count} مستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="163"/>
        <source>Suggestions</source>
        <translation>الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/guidelines_dock.py" line="28"/>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
</context>
<context>
    <name>ModelTraining</name>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="184"/>
        <source>Retrain the model</source>
        <translation>إعادة تدريب النموذج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="185"/>
        <source>Retrain after this many new spans (0: never):</source>
        <translation>أعد التدريب بعد هذا العدد من الوسوم الجديدة (0: أبدًا):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="198"/>
        <source>The model is already being trained.</source>
        <translation>النموذج قيد التدريب بالفعل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="210"/>
        <source>Training the suggestion model in the background…</source>
        <translation>يُدرَّب نموذج الاقتراحات في الخلفية…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="221"/>
        <source>The model was not trained: {reason}</source>
        <translation>لم يُدرَّب النموذج: {reason}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="225"/>
        <source>Model trained: suggestions updated.</source>
        <translation>دُرِّب النموذج: حُدِّثت الاقتراحات.</translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <location filename="../../annotator/gui/progress_dialog.py" line="83"/>
        <source>not started</source>
        <translation>لم يبدأ</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../annotator/gui/progress_dialog.py" line="102"/>
        <source>Project progress</source>
        <translation>تقدّم المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/progress_dialog.py" line="109"/>
        <source>annotator</source>
        <translation>الموسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/progress_dialog.py" line="109"/>
        <source>assigned</source>
        <translation>مُسندة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/progress_dialog.py" line="110"/>
        <source>spans</source>
        <translation>وسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/progress_dialog.py" line="110"/>
        <source>links</source>
        <translation>روابط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/progress_dialog.py" line="110"/>
        <source>time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/progress_dialog.py" line="144"/>
        <source>{finished} of {total} documents finished by someone; {both} by two or more</source>
        <translation>{finished} من {total} مستندات أنجزها أحدهم؛ {both} أنجزها اثنان أو أكثر</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/progress_dialog.py" line="147"/>
        <source> (mean exact agreement {mean:.2f})</source>
        <translation> (متوسط الاتفاق التام {mean:.2f})</translation>
    </message>
</context>
<context>
    <name>ProjectController</name>
    <message>
        <location filename="../../annotator/gui/project.py" line="54"/>
        <source>{done} / {total} finished</source>
        <translation>{done} / {total} منجزة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="55"/>
        <source>{done} / {total} assigned finished</source>
        <translation>{done} / {total} من المسندة منجزة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="77"/>
        <source>Finished “{name}”.</source>
        <translation>أُنجز «{name}».</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="86"/>
        <source>Skip this document</source>
        <translation>تخطي هذا المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="87"/>
        <source>Why skip “{name}”? (optional)</source>
        <translation>لماذا تتخطى «{name}»؟ (اختياري)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="95"/>
        <source>Skipped “{name}”.</source>
        <translation>تُخطي «{name}».</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="100"/>
        <source>Nothing left to do: every document is finished or skipped.</source>
        <translation>لم يبقَ شيء: كل المستندات منجزة أو متخطاة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="103"/>
        <source>Next: “{name}”.</source>
        <translation>التالي: «{name}».</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="132"/>
        <source>Saved, and reopened for changes: Ctrl+Enter finishes it again.</source>
        <translation>حُفظ، وأُعيد فتح المستند للتعديل: Ctrl+Enter ينهيه من جديد.</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <location filename="../../annotator/gui/review.py" line="78"/>
        <source>&amp;Review</source>
        <translation>م&amp;راجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="91"/>
        <source>&amp;Review mode</source>
        <translation>&amp;وضع المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="95"/>
        <source>&amp;Next disagreement</source>
        <translation>الخلاف ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="96"/>
        <source>&amp;Previous disagreement</source>
        <translation>الخلاف ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="97"/>
        <source>&amp;Accept span</source>
        <translation>&amp;قبول الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="98"/>
        <source>&amp;Reject span</source>
        <translation>&amp;رفض الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="100"/>
        <source>Accept with a comment…</source>
        <translation>قبول مع تعليق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="105"/>
        <source>Reject with a comment…</source>
        <translation>رفض مع تعليق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="110"/>
        <source>Set boundaries to the selection</source>
        <translation>جعل حدود الوسم هي التحديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="114"/>
        <source>A&amp;greement…</source>
        <translation>الا&amp;تفاق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="115"/>
        <source>Project &amp;progress…</source>
        <translation>&amp;تقدّم المشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="135"/>
        <source> (you are not a reviewer: accepting and rejecting will be refused)</source>
        <translation> (لست مراجِعًا: سيُرفض القبول والرفض)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="138"/>
        <source>Review mode: N next disagreement, A accept, R reject, E set boundaries</source>
        <translation>وضع المراجعة: N الخلاف التالي، A قبول، R رفض، E ضبط الحدود</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="142"/>
        <source>Review mode off</source>
        <translation>أُوقف وضع المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="161"/>
        <source>No unresolved disagreements in this document (show two or more layers).</source>
        <translation>لا خلافات معلّقة في هذا المستند (أظهر طبقتين أو أكثر).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="178"/>
        <source>Link disagreement: {annotator} linked “{text}” → {type} “{end}”; {other} did not. A accepts the link, R rejects it.</source>
        <translation>خلاف على رابط: ربط {annotator} «{text}» ← {type} «{end}»؛ ولم يربطه {other}. A يقبل الرابط، R يرفضه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="184"/>
        <source>{count} unresolved disagreement(s): {label} “{text}” by {annotator}</source>
        <translation>{count} خلاف معلّق: {label} «{text}» من {annotator}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="197"/>
        <source>Comment on the {type} link:</source>
        <translation>تعليق على رابط {type}:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="208"/>
        <source>Select a span first (N goes to the next disagreement).</source>
        <translation>حدّد وسمًا أولًا (N ينقلك إلى الخلاف التالي).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="197"/>
        <location filename="../../annotator/gui/review.py" line="213"/>
        <source>Review comment</source>
        <translation>تعليق المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="213"/>
        <source>Comment on “{text}”:</source>
        <translation>تعليق على «{text}»:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="234"/>
        <source>Select a span (N), then the new text, then press E.</source>
        <translation>حدّد وسمًا (N)، ثم النص الجديد، ثم اضغط E.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review.py" line="239"/>
        <source>The selection holds no word.</source>
        <translation>لا يحوي التحديد كلمة.</translation>
    </message>
</context>
<context>
    <name>SearchAllDialog</name>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="60"/>
        <source>Search all documents</source>
        <translation>البحث في كل المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="66"/>
        <source>a word or name; label:claim source:NAME for claims by NAME</source>
        <translation>كلمة أو اسم؛ label:claim source:اسم لادعاءات صاحبها اسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="71"/>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="71"/>
        <source>Found</source>
        <translation>الموجود</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="71"/>
        <source>In</source>
        <translation>في</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="85"/>
        <source>Search failed: {error}</source>
        <translation>فشل البحث: {error}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="93"/>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="104"/>
        <source>text</source>
        <translation>نص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="104"/>
        <source>span: {label}</source>
        <translation>وسم: {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="109"/>
        <source>{count} found in {documents} document(s); Enter opens one</source>
        <translation>{count} نتيجة في {documents} مستندات؛ Enter يفتح إحداها</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/search_all.py" line="128"/>
        <source>Found “{text}”: a label key tags it.</source>
        <translation>وُجد «{text}»: مفتاح وسم يسمه.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="74"/>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="140"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="78"/>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="78"/>
        <source>Shortcut</source>
        <translation>الاختصار</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="78"/>
        <source>Also</source>
        <translation>أيضًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="108"/>
        <source>Click a shortcut and press the new keys. Changes are remembered.</source>
        <translation>انقر اختصارًا واضغط المفاتيح الجديدة. تُحفظ التغييرات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts_dialog.py" line="130"/>
        <source>{keys} is used by both “{a}” and “{b}”</source>
        <translation>{keys} مستخدم لكل من «{a}» و«{b}»</translation>
    </message>
</context>
<context>
    <name>Source</name>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="48"/>
        <source>matcher</source>
        <translation>المطابِق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="48"/>
        <source>dates</source>
        <translation>التواريخ</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="49"/>
        <source>cues</source>
        <translation>أفعال القول</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="49"/>
        <source>model</source>
        <translation>النموذج</translation>
    </message>
</context>
<context>
    <name>SpanListModel</name>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="47"/>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="48"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="49"/>
        <source>Annotator</source>
        <translation>الموسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="50"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="51"/>
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
</context>
<context>
    <name>State</name>
    <message>
        <location filename="../../annotator/gui/project.py" line="20"/>
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="20"/>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="21"/>
        <source>finished</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/project.py" line="21"/>
        <source>skipped</source>
        <translation>متخطى</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="23"/>
        <source>draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="23"/>
        <source>accepted</source>
        <translation>مقبول</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_list.py" line="24"/>
        <source>rejected</source>
        <translation>مرفوض</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <location filename="../../annotator/gui/suggesting.py" line="74"/>
        <source>Suggestions could not be computed: {error}</source>
        <translation>تعذّر حساب الاقتراحات: {error}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggesting.py" line="168"/>
        <source>No suggestions in this document.</source>
        <translation>لا اقتراحات في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggesting.py" line="182"/>
        <source>Suggestion: {label} “{text}” ({source}, score {score:g}): Enter accepts, Shift+Enter accepts every “{text}”, R rejects</source>
        <translation>اقتراح: {label} «{text}» ({source}، الدرجة {score:g}): Enter يقبل، Shift+Enter يقبل كل «{text}»، R يرفض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggesting.py" line="198"/>
        <source>accept every “{text}” as {label}</source>
        <translation>قبول كل «{text}» بوصفه {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggesting.py" line="230"/>
        <source>Suggested source: “{actor}”. Enter links the claim to it, Esc skips.</source>
        <translation>المصدر المقترح: «{actor}». Enter يربط الادعاء به، وEsc يتخطاه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggesting.py" line="248"/>
        <source>Rejected: “{text}” is not suggested here again.</source>
        <translation>رُفض: لن يُقترح «{text}» هنا مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>SuggestionListModel</name>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="55"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="55"/>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="56"/>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="56"/>
        <source>Score</source>
        <translation>الدرجة</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="111"/>
        <source>Train the model now</source>
        <translation>درّب النموذج الآن</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="138"/>
        <source>source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="138"/>
        <source>precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="139"/>
        <source>recall</source>
        <translation>الاستدعاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="140"/>
        <source>accepted</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="140"/>
        <source>rejected</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="150"/>
        <source>No model trained yet: it learns from your spans.</source>
        <translation>لم يُدرَّب نموذج بعد: يتعلم من وسومك.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/suggestion_panel.py" line="152"/>
        <source>Model trained {when} by {who} on {spans} spans in {documents} documents; scores on 20% of the documents held out.</source>
        <translation>دُرِّب النموذج في {when} بواسطة {who} على {spans} وسمًا في {documents} مستندات؛ الدرجات على 20% من المستندات المحجوزة.</translation>
    </message>
</context>
<context>
    <name>controller</name>
    <message>
        <location filename="../../annotator/gui/suggesting.py" line="279"/>
        <source>reject the suggestion “{text}”</source>
        <translation>رفض الاقتراح «{text}»</translation>
    </message>
</context>
<context>
    <name>self.controller</name>
    <message>
        <location filename="../../annotator/gui/suggesting.py" line="291"/>
        <source>Undone: {what}</source>
        <translation>تراجعت عن: {what}</translation>
    </message>
</context>
</TS>
