#include "domain/messages.hpp"

#include <array>
#include <charconv>
#include <string_view>
#include <utility>

namespace riaya::domain {
namespace {

struct Text {
  std::string_view ar, fr, en;
  std::string_view in(Language language) const {
    switch (language) {
      case Language::French: return fr;
      case Language::English: return en;
      case Language::Arabic: break;
    }
    return ar;
  }
};

struct CodeText {
  ErrorCode code;
  std::string_view name;
  Text text;  // "{field}" is replaced by the field's label
};

constexpr std::array kCodes = {
    CodeText{ErrorCode::MalformedJson,
             "malformed_json",
             {"الطلب ليس JSON صالحا.", "La requête n'est pas un JSON valide.", "The request is not valid JSON."}},
    CodeText{ErrorCode::InvalidUtf8,
             "invalid_utf8",
             {"الطلب يحتوي على نص غير صالح (UTF-8).", "La requête contient un texte invalide (UTF-8).",
              "The request contains invalid text (UTF-8)."}},
    CodeText{ErrorCode::BadParameter,
             "bad_parameter",
             {"قيمة المعامل «{field}» غير صالحة.", "La valeur du paramètre « {field} » est invalide.",
              "The parameter \"{field}\" has an invalid value."}},
    CodeText{ErrorCode::Unauthenticated,
             "unauthenticated",
             {"يجب تسجيل الدخول.", "Vous devez vous connecter.", "You must log in."}},
    CodeText{ErrorCode::InvalidCredentials,
             "invalid_credentials",
             {"اسم المستخدم أو كلمة المرور غير صحيحة.", "Identifiant ou mot de passe incorrect.",
              "Wrong username or password."}},
    CodeText{ErrorCode::SessionExpired,
             "session_expired",
             {"انتهت الجلسة، المرجو تسجيل الدخول من جديد.", "Votre session a expiré, veuillez vous reconnecter.",
              "Your session has expired, please log in again."}},
    CodeText{ErrorCode::Forbidden,
             "forbidden",
             {"ليست لديكم صلاحية القيام بهذا الإجراء.", "Vous n'avez pas le droit d'effectuer cette action.",
              "You are not allowed to do this."}},
    CodeText{ErrorCode::Csrf,
             "csrf",
             {"رمز الحماية (CSRF) مفقود أو غير صحيح، أعيدوا تحميل الصفحة.",
              "Jeton de sécurité (CSRF) absent ou invalide, rechargez la page.",
              "Security token (CSRF) missing or wrong, reload the page."}},
    CodeText{ErrorCode::NotFound,
             "not_found",
             {"العنصر المطلوب غير موجود.", "L'élément demandé est introuvable.", "The requested item does not exist."}},
    CodeText{ErrorCode::Conflict,
             "conflict",
             {"عدّل شخص آخر هذا السجل في الأثناء. راجعوا نسخته قبل الحفظ.",
              "Quelqu'un d'autre a modifié cet enregistrement entre-temps. Consultez sa version avant d'enregistrer.",
              "Someone else changed this record meanwhile. Review their version before saving."}},
    CodeText{ErrorCode::InvalidState,
             "invalid_state",
             {"لا يمكن إجراء هذا التغيير في الحالة الحالية للسجل («{field}»).",
              "Ce changement n'est pas possible dans l'état actuel de l'enregistrement (« {field} »).",
              "This change is not possible in the record's current state (\"{field}\")."}},
    CodeText{ErrorCode::Duplicate,
             "duplicate",
             {"القيمة في الحقل «{field}» مستعملة من قبل.", "La valeur du champ « {field} » est déjà utilisée.",
              "The value of \"{field}\" is already in use."}},
    CodeText{ErrorCode::TooLarge,
             "too_large",
             {"حجم الطلب يتجاوز الحد المسموح به.", "La requête dépasse la taille autorisée.",
              "The request is larger than allowed."}},
    CodeText{
        ErrorCode::Required,
        "required",
        {"الحقل «{field}» إلزامي.", "Le champ « {field} » est obligatoire.", "The field \"{field}\" is required."}},
    CodeText{ErrorCode::UnknownField,
             "unknown_field",
             {"الحقل «{field}» غير معروف.", "Le champ « {field} » est inconnu.", "The field \"{field}\" is unknown."}},
    CodeText{ErrorCode::WrongType,
             "wrong_type",
             {"نوع القيمة في الحقل «{field}» غير صحيح.", "Le type de valeur du champ « {field} » est incorrect.",
              "The field \"{field}\" has the wrong type."}},
    CodeText{
        ErrorCode::TooLong,
        "too_long",
        {"الحقل «{field}» طويل جدا.", "Le champ « {field} » est trop long.", "The field \"{field}\" is too long."}},
    CodeText{ErrorCode::InvalidValue,
             "invalid_value",
             {"القيمة في الحقل «{field}» غير مقبولة.", "La valeur du champ « {field} » n'est pas acceptée.",
              "The value of \"{field}\" is not accepted."}},
    CodeText{ErrorCode::OutOfRange,
             "out_of_range",
             {"القيمة في الحقل «{field}» خارج المجال المسموح به.",
              "La valeur du champ « {field} » est hors de l'intervalle autorisé.",
              "The value of \"{field}\" is out of the allowed range."}},
    CodeText{ErrorCode::InvalidDate,
             "invalid_date",
             {"التاريخ في الحقل «{field}» غير صالح (السنة-الشهر-اليوم).",
              "La date du champ « {field} » est invalide (AAAA-MM-JJ).",
              "The date in \"{field}\" is invalid (YYYY-MM-DD)."}},
    CodeText{ErrorCode::InvalidReference,
             "invalid_reference",
             {"العنصر المشار إليه في الحقل «{field}» غير موجود أو خارج نطاقكم.",
              "L'élément indiqué au champ « {field} » n'existe pas ou est hors de votre périmètre.",
              "The item given in \"{field}\" does not exist or is outside your scope."}},
    CodeText{ErrorCode::DateOrder,
             "date_order",
             {"التاريخ في الحقل «{field}» يسبق تاريخ البداية.",
              "La date du champ « {field} » est antérieure à la date de début.",
              "The date in \"{field}\" is before the start date."}},
    CodeText{ErrorCode::PasswordTooShort,
             "password_too_short",
             {"كلمة المرور قصيرة جدا (10 أحرف على الأقل).", "Le mot de passe est trop court (10 caractères au moins).",
              "The password is too short (at least 10 characters)."}},
    CodeText{
        ErrorCode::WrongPassword,
        "wrong_password",
        {"كلمة المرور الحالية غير صحيحة.", "Le mot de passe actuel est incorrect.", "The current password is wrong."}},
    CodeText{ErrorCode::Locked,
             "locked",
             {"محاولات دخول فاشلة كثيرة بهذا الاسم. أعيدوا المحاولة بعد قليل.",
              "Trop d'échecs de connexion avec cet identifiant. Réessayez dans un moment.",
              "Too many failed log-ins with this name. Try again in a moment."}},
    CodeText{ErrorCode::PasswordChangeRequired,
             "password_change_required",
             {"يجب تغيير كلمة المرور المؤقتة أولا.", "Vous devez d'abord changer le mot de passe provisoire.",
              "You must change the temporary password first."}},
    CodeText{ErrorCode::ImportRejected,
             "import_rejected",
             {"تعذر استيراد الملف: راجعوا لائحة المشاكل (الورقة، السطر، العمود).",
              "Le fichier n'a pas pu être importé : voir la liste des problèmes (feuille, ligne, colonne).",
              "The file could not be imported: see the list of problems (sheet, row, column)."}},
    CodeText{ErrorCode::FileTooLarge,
             "file_too_large",
             {"الملف أكبر من الحجم المسموح به (5 ميغابايت على الأكثر).",
              "Le fichier dépasse la taille autorisée (5 Mo au plus).", "The file is too large (5 MB at most)."}},
    CodeText{ErrorCode::UnsupportedFile,
             "unsupported_file",
             {"نوع الملف غير مقبول: صورة (JPEG أو PNG أو WebP) أو PDF فقط.",
              "Type de fichier refusé : image (JPEG, PNG ou WebP) ou PDF uniquement.",
              "File type not accepted: an image (JPEG, PNG or WebP) or a PDF only."}},
    CodeText{
        ErrorCode::TooManyFiles,
        "too_many_files",
        {"تم بلوغ العدد الأقصى للملفات لهذا المعيار.", "Le nombre maximal de fichiers pour ce critère est atteint.",
         "The maximum number of files for this criterion is reached."}},
    CodeText{ErrorCode::MethodNotAllowed,
             "method_not_allowed",
             {"هذه العملية غير متاحة على هذا العنوان.", "Cette opération n'est pas disponible à cette adresse.",
              "This operation is not available at this address."}},
    CodeText{ErrorCode::Internal,
             "internal",
             {"حدث خطأ داخلي، تم تسجيله. أعيدوا المحاولة لاحقا.",
              "Une erreur interne est survenue et a été journalisée. Réessayez plus tard.",
              "An internal error occurred and was logged. Try again later."}},
    CodeText{ErrorCode::FileNameMismatch,
             "file_name_mismatch",
             {"امتداد اسم الملف لا يطابق محتواه: ‎.pdf لملف PDF، "
              "و‎.jpg أو ‎.jpeg أو ‎.png أو ‎.webp للصورة حسب نوعها.",
              "L'extension du nom de fichier ne correspond pas à son contenu : .pdf pour un PDF, .jpg ou .jpeg, .png, "
              ".webp pour une image selon son type.",
              "The file name's extension does not match its content: .pdf for a PDF, .jpg or .jpeg, .png, .webp for "
              "an image of that type."}},
    CodeText{
        ErrorCode::DiskFull,
        "disk_full",
        {"قرص الخادم ممتلئ: لا يمكن حفظ أي تغيير. يجب على مسؤول النظام تحرير مساحة على الخادم، ثم أعيدوا المحاولة.",
         "Le disque du serveur est plein : aucune modification ne peut être enregistrée. L'administrateur doit "
         "libérer de l'espace sur le serveur, puis réessayez.",
         "The server's disk is full: no change can be saved. The administrator must free space on the server; "
         "then try again."}},
    CodeText{ErrorCode::UnsupportedMediaType,
             "unsupported_media_type",
             {"يجب أن يرسل الطلب بصيغة JSON (Content-Type: application/json).",
              "La requête doit être envoyée en JSON (Content-Type: application/json).",
              "The request must be sent as JSON (Content-Type: application/json)."}},
    CodeText{ErrorCode::SessionRequired,
             "session_required",
             {"هذه العملية تتطلب تسجيل الدخول بكلمة المرور، لا برمز API.",
              "Cette opération demande une session ouverte avec le mot de passe, pas un jeton d'API.",
              "This operation needs a session opened with the password, not an API token."}},
    CodeText{ErrorCode::Busy,
             "busy",
             {"الخادم منشغل بملفات أخرى. أعيدوا المحاولة بعد قليل.",
              "Le serveur est occupé par d'autres fichiers. Réessayez dans un instant.",
              "The server is busy with other files. Try again in a moment."}},
    CodeText{
        ErrorCode::ConfirmationRequired,
        "confirmation_required",
        {"العدد الإجمالي للحاضرين يتجاوز مرة ونصف الطاقة الاستيعابية المرخصة: تحققوا من الأرقام ثم أكدوها («{field}»).",
         "Le total des présents dépasse 1,5 fois la capacité autorisée : vérifiez les chiffres, puis confirmez-les "
         "(« {field} »).",
         "The total present is over 1.5 times the authorised capacity: check the figures, then confirm them "
         "(\"{field}\")."}},
    CodeText{ErrorCode::NoRegister,
             "no_register",
             {"هذه المؤسسة لا تمسك سجلا فرديا للمستفيدين («{field}»): يفعّله قسم العمل الاجتماعي لترابها.",
              "Cet établissement ne tient pas de registre individuel (« {field} ») : la division de son territoire "
              "peut l'activer.",
              "This institution keeps no individual register (\"{field}\"): the division of its territory can switch "
              "it on."}},
    CodeText{ErrorCode::RegisterKept,
             "register_kept",
             {"هذه المؤسسة تمسك سجلا فرديا: إحصائياتها الشهرية تحتسب منه ولا تدخل يدويا («{field}»).",
              "Cet établissement tient un registre individuel : ses statistiques mensuelles en sont calculées et ne "
              "se saisissent pas (« {field} »).",
              "This institution keeps an individual register: its monthly statistics are computed from it and "
              "cannot be typed (\"{field}\")."}},
};

constexpr std::array<std::pair<std::string_view, Text>, 161> kFieldLabels = {{
    {"full_name_ar", {"الاسم الكامل بالعربية", "nom complet en arabe", "full name in Arabic"}},
    {"full_name_fr", {"الاسم الكامل بالفرنسية", "nom complet en français", "full name in French"}},
    {"birth_date", {"تاريخ الازدياد", "date de naissance", "birth date"}},
    {"origin_commune_id", {"الجماعة الأصلية", "commune d'origine", "commune of origin"}},
    {"vulnerability", {"فئة الهشاشة", "catégorie de vulnérabilité", "vulnerability category"}},
    {"identity_number",
     {"رقم البطاقة الوطنية أو عقد الازدياد", "n° de CIN ou d'acte de naissance",
      "national ID or birth certificate number"}},
    {"guardian_name", {"اسم الولي", "nom du tuteur", "guardian's name"}},
    {"guardian_phone", {"هاتف الولي", "téléphone du tuteur", "guardian's phone"}},
    {"admission_date", {"تاريخ الالتحاق", "date d'admission", "admission date"}},
    {"exit_date", {"تاريخ المغادرة", "date de sortie", "exit date"}},
    {"exit_reason", {"سبب المغادرة", "motif de sortie", "exit reason"}},
    {"beneficiary_id", {"المستفيد", "bénéficiaire", "beneficiary"}},
    {"school_year", {"الموسم الدراسي", "année scolaire", "school year"}},
    {"class_name", {"القسم", "classe", "class"}},
    {"school", {"المؤسسة التعليمية", "école", "school"}},
    {"result", {"النتيجة", "résultat", "result"}},
    {"keeps_register", {"السجل الفردي", "registre individuel", "individual register"}},
    {"key", {"الإشعار", "notification", "notice"}},
    {"service_id", {"الخدمة", "service", "service"}},
    {"since", {"تاريخ بداية الخدمة", "date de début du service", "service start date"}},
    {"activity_kind", {"نوع النشاط", "type d'activité", "activity kind"}},
    {"title", {"العنوان", "intitulé", "title"}},
    {"activity_date", {"تاريخ النشاط", "date de l'activité", "activity date"}},
    {"participants_f", {"المشاركات (إناث)", "participantes (filles et femmes)", "participants (female)"}},
    {"participants_m", {"المشاركون (ذكور)", "participants (garçons et hommes)", "participants (male)"}},
    {"cost_centimes", {"الكلفة", "coût", "cost"}},
    {"month", {"الشهر", "mois", "month"}},
    {"capacity_confirmed",
     {"تأكيد تجاوز الطاقة الاستيعابية", "confirmation du dépassement de capacité", "over-capacity confirmation"}},
    {"name_ar", {"الاسم بالعربية", "nom en arabe", "Arabic name"}},
    {"name_fr", {"الاسم بالفرنسية", "nom en français", "French name"}},
    {"name_en", {"الاسم بالإنجليزية", "nom en anglais", "English name"}},
    {"code", {"الرمز", "code", "code"}},
    {"level", {"المستوى", "niveau", "level"}},
    {"parent_id", {"الوحدة الأم", "unité parente", "parent"}},
    {"territory_id", {"الوحدة الترابية", "territoire", "territory"}},
    {"registration_number", {"رقم الوصل", "numéro du récépissé", "registration number"}},
    {"registration_date", {"تاريخ الوصل", "date du récépissé", "registration date"}},
    {"president_name", {"اسم الرئيس", "nom du président", "president"}},
    {"phone", {"الهاتف", "téléphone", "phone"}},
    {"email", {"البريد الإلكتروني", "courriel", "email"}},
    {"address", {"العنوان", "adresse", "address"}},
    {"association_id", {"الجمعية", "association", "association"}},
    {"kind", {"النوع", "type", "kind"}},
    {"reference", {"المرجع", "référence", "reference"}},
    {"issued_on", {"تاريخ الإصدار", "date de délivrance", "issue date"}},
    {"expires_on", {"تاريخ انتهاء الصلاحية", "date d'expiration", "expiry date"}},
    {"note", {"ملاحظة", "note", "note"}},
    {"partner", {"الشريك", "partenaire", "partner"}},
    {"partner_name", {"اسم الشريك", "nom du partenaire", "partner name"}},
    {"subject", {"الموضوع", "objet", "subject"}},
    {"signed_on", {"تاريخ التوقيع", "date de signature", "signature date"}},
    {"starts_on", {"تاريخ البداية", "date de début", "start date"}},
    {"ends_on", {"تاريخ النهاية", "date de fin", "end date"}},
    {"category", {"الصنف", "catégorie", "category"}},
    {"commune_id", {"الجماعة", "commune", "commune"}},
    {"latitude", {"خط العرض", "latitude", "latitude"}},
    {"longitude", {"خط الطول", "longitude", "longitude"}},
    {"capacity", {"الطاقة الاستيعابية المرخصة", "capacité autorisée", "authorised capacity"}},
    {"opening_date", {"تاريخ الافتتاح", "date d'ouverture", "opening date"}},
    {"authorisation_number", {"رقم الترخيص", "numéro d'autorisation", "authorisation number"}},
    {"authorisation_date", {"تاريخ الترخيص", "date d'autorisation", "authorisation date"}},
    {"authorisation_status", {"وضعية الترخيص", "statut de l'autorisation", "authorisation status"}},
    {"director_name", {"اسم المدير", "nom du directeur", "director"}},
    {"services", {"الخدمات", "services", "services"}},
    {"activities", {"الأنشطة الموازية", "activités parallèles", "parallel activities"}},
    {"status", {"الوضعية", "statut", "status"}},
    {"institution_id", {"المؤسسة", "établissement", "institution"}},
    {"full_name", {"الاسم الكامل", "nom complet", "full name"}},
    {"function", {"المهمة", "fonction", "function"}},
    {"qualification", {"المؤهل", "qualification", "qualification"}},
    {"contract_type", {"نوع العقد", "type de contrat", "contract type"}},
    {"sex", {"الجنس", "sexe", "sex"}},
    {"start_date", {"تاريخ البداية", "date de début", "start date"}},
    {"end_date", {"تاريخ النهاية", "date de fin", "end date"}},
    {"username", {"اسم المستخدم", "identifiant", "username"}},
    {"display_name", {"الاسم المعروض", "nom affiché", "display name"}},
    {"role", {"الدور", "rôle", "role"}},
    {"scope_territory_id", {"النطاق الترابي", "périmètre territorial", "territorial scope"}},
    {"scope_association_id", {"الجمعية (النطاق)", "association (périmètre)", "association scope"}},
    {"language", {"اللغة", "langue", "language"}},
    {"password", {"كلمة المرور", "mot de passe", "password"}},
    {"current_password", {"كلمة المرور الحالية", "mot de passe actuel", "current password"}},
    {"new_password", {"كلمة المرور الجديدة", "nouveau mot de passe", "new password"}},
    {"version", {"رقم النسخة", "version", "version"}},
    {"page", {"الصفحة", "page", "page"}},
    {"page_size", {"عدد العناصر في الصفحة", "taille de page", "page size"}},
    {"sort", {"الترتيب", "tri", "sort"}},
    {"name", {"الاسم", "nom", "name"}},
    {"file", {"الملف", "fichier", "file"}},
    {"file_name", {"اسم الملف", "nom du fichier", "file name"}},
    {"criterion_code", {"المعيار", "critère", "criterion"}},
    {"before", {"الحملة السابقة", "campagne précédente", "earlier campaign"}},
    {"after", {"الحملة اللاحقة", "campagne suivante", "later campaign"}},
    {"programme_id", {"البرنامج", "programme", "programme"}},
    {"title_ar", {"العنوان بالعربية", "intitulé en arabe", "Arabic title"}},
    {"title_fr", {"العنوان بالفرنسية", "intitulé en français", "French title"}},
    {"description", {"الوصف", "description", "description"}},
    {"responsible_party", {"الجهة المسؤولة", "partie responsable", "responsible party"}},
    {"owner", {"المكلف بالتتبع", "responsable du suivi", "owner"}},
    {"due_on", {"تاريخ الإنجاز المرتقب", "échéance", "due date"}},
    {"estimated_cost_centimes", {"الكلفة التقديرية", "coût estimé", "estimated cost"}},
    {"progress", {"نسبة التقدم", "avancement", "progress"}},
    {"completed_on", {"تاريخ الإنجاز", "date d'achèvement", "completion date"}},
    {"completion_evidence", {"ما يثبت الإنجاز", "preuve d'achèvement", "completion evidence"}},
    {"source", {"المصدر", "source", "source"}},
    {"source_name", {"اسم المانح", "nom du bailleur", "donor name"}},
    {"purpose", {"الغرض", "objet du financement", "purpose"}},
    {"committed_centimes", {"المبلغ الملتزم به", "montant engagé", "committed amount"}},
    {"disbursed_centimes", {"المبلغ المصروف", "montant décaissé", "disbursed amount"}},
    {"committed_on", {"تاريخ الالتزام", "date d'engagement", "commitment date"}},
    {"disbursed_on", {"تاريخ الصرف", "date de décaissement", "disbursement date"}},
    {"agreement_reference", {"مرجع الاتفاقية", "référence de la convention", "agreement reference"}},
    {"grant_id", {"المنحة", "subvention", "grant"}},
    {"action_id", {"الإجراء", "action", "action"}},
    {"amount_centimes", {"المبلغ", "montant", "amount"}},
    {"held_on", {"تاريخ اللقاء", "date de la réunion", "meeting date"}},
    {"place", {"المكان", "lieu", "place"}},
    {"chair", {"رئاسة اللقاء", "présidence", "chair"}},
    {"agenda", {"جدول الأعمال", "ordre du jour", "agenda"}},
    {"minutes", {"المحضر", "procès-verbal", "minutes"}},
    {"meeting_id", {"اللقاء", "réunion", "meeting"}},
    {"organisation", {"الهيئة", "organisme", "organisation"}},
    {"text_ar", {"النص بالعربية", "texte en arabe", "Arabic text"}},
    {"text_fr", {"النص بالفرنسية", "texte en français", "French text"}},
    {"shortcoming_ids", {"النقائص", "insuffisances", "shortcomings"}},
    {"need_ids", {"الحاجيات من التجهيزات", "besoins en équipement", "equipment needs"}},
    {"grouping", {"طريقة التجميع", "regroupement", "grouping"}},
    {"lang", {"لغة الوثيقة (lang)", "langue du document (lang)", "document language (lang)"}},
    {"entry_date", {"تاريخ التتبع", "date du suivi", "follow-up date"}},
    {"recommendation_id", {"التوصية", "recommandation", "recommendation"}},
    {"grid_id", {"شبكة التشخيص", "grille de diagnostic", "assessment grid"}},
    {"domain_code", {"المجال", "domaine", "domain"}},
    {"severity", {"الخطورة", "gravité", "severity"}},
    {"raised_on", {"تاريخ الرصد", "date du constat", "date raised"}},
    {"resolved_on", {"تاريخ المعالجة", "date de résolution", "date resolved"}},
    {"item_id", {"التجهيز", "article", "item"}},
    {"unit", {"الوحدة", "unité", "unit"}},
    {"quantity", {"الكمية", "quantité", "quantity"}},
    {"condition", {"الحالة", "état", "condition"}},
    {"unit_cost_centimes", {"الكلفة الأحادية", "coût unitaire", "unit cost"}},
    {"priority", {"الأولوية", "priorité", "priority"}},
    {"justification", {"المبررات", "justification", "justification"}},
    {"topic", {"موضوع التكوين", "thème de la formation", "training topic"}},
    {"domain", {"المجال", "domaine", "domain"}},
    {"hours", {"عدد الساعات", "nombre d'heures", "hours"}},
    {"trainer", {"المؤطر", "formateur", "trainer"}},
    {"organiser", {"الجهة المنظمة", "organisateur", "organiser"}},
    {"staff_ids", {"المشاركون", "participants", "participants"}},
    {"format", {"صيغة الملف", "format du fichier", "file format"}},
    {"on", {"تاريخ الاحتساب", "date de calcul", "date of computation"}},
    {"institutions", {"عدد المؤسسات", "nombre d'établissements", "institutions"}},
    {"total_centimes", {"الكلفة الإجمالية (درهم)", "coût total (MAD)", "total cost (MAD)"}},
    {"total", {"المجموع", "total", "total"}},
    {"data_set", {"مجموعة البيانات في DHIS2", "ensemble de données DHIS2", "DHIS2 data set"}},
    {"org_unit", {"الوحدة التنظيمية في DHIS2", "unité d'organisation DHIS2", "DHIS2 org unit"}},
    {"data_element", {"عنصر البيانات في DHIS2", "élément de données DHIS2", "DHIS2 data element"}},
    {"category_option_combo",
     {"توليفة خيارات الفئات في DHIS2", "combinaison d'options de catégorie DHIS2", "DHIS2 category option combo"}},
    {"indicator", {"المؤشر", "indicateur", "indicator"}},
    {"period", {"الفترة", "période", "period"}},
    // The export's refusal when something is unmapped: "The field … is required", with the list.
    {"dhis2_mapping",
     {"ربط DHIS2 لما هو مذكور في القائمة (لم يُصدَّر أي شيء)",
      "correspondance DHIS2 de ce qui est listé (rien n'a été exporté)",
      "DHIS2 mapping of what is listed (nothing was exported)"}},
    {"consolidated_needs",
     {"الحاجيات الموحدة من التجهيزات", "Besoins consolidés en équipement", "Consolidated equipment needs"}},
}};

struct ChoiceText {
  std::string_view field, value;
  Text text;
};

constexpr std::array kChoiceLabels = {
    ChoiceText{"category", "bedding", {"الأفرشة والأغطية", "literie", "bedding"}},
    ChoiceText{"category", "kitchen", {"تجهيزات المطبخ", "cuisine", "kitchen"}},
    ChoiceText{"category", "furniture", {"الأثاث", "mobilier", "furniture"}},
    ChoiceText{"category", "computing", {"المعدات المعلوماتية", "informatique", "computing"}},
    ChoiceText{"category", "school_supplies", {"اللوازم المدرسية", "fournitures scolaires", "school supplies"}},
    ChoiceText{"category", "sanitary", {"التجهيزات الصحية والنظافة", "sanitaire et hygiène", "sanitary and hygiene"}},
    ChoiceText{"category", "sports_leisure", {"الرياضة والترفيه", "sport et loisirs", "sports and leisure"}},
    ChoiceText{"category", "other", {"أخرى", "autre", "other"}},
    ChoiceText{"unit", "piece", {"قطعة", "pièce", "piece"}},
    ChoiceText{"unit", "set", {"طقم", "lot", "set"}},
    ChoiceText{"unit", "pair", {"زوج", "paire", "pair"}},
    ChoiceText{"unit", "box", {"علبة", "boîte", "box"}},
    ChoiceText{"unit", "ream", {"رزمة", "rame", "ream"}},
    ChoiceText{"unit", "kg", {"كلغ", "kg", "kg"}},
    ChoiceText{"unit", "litre", {"لتر", "litre", "litre"}},
    ChoiceText{"unit", "metre", {"متر", "mètre", "metre"}},
    // For documents, as the web app words them (web/src/lib/locales, enum.*).
    ChoiceText{"meeting_kind", "communication", {"لقاء تواصلي", "Réunion de communication", "Communication meeting"}},
    ChoiceText{"meeting_kind", "coordination", {"اجتماع تنسيقي", "Réunion de coordination", "Coordination meeting"}},
    ChoiceText{"meeting_kind", "follow_up", {"اجتماع تتبع", "Réunion de suivi", "Follow-up meeting"}},
    ChoiceText{"meeting_kind", "other", {"لقاء آخر", "Autre réunion", "Other meeting"}},
    ChoiceText{"action_status", "planned", {"مبرمج", "Prévue", "Planned"}},
    ChoiceText{"action_status", "ongoing", {"في طور الإنجاز", "En cours", "Ongoing"}},
    ChoiceText{"action_status", "done", {"منجز", "Réalisée", "Done"}},
    ChoiceText{"action_status", "cancelled", {"ملغى", "Annulée", "Cancelled"}},
};

// The parts of a monthly statistics count's name (domain/statistics.hpp), whose label is
// theirs joined: "present_primary_f" → "الحاضرون — الابتدائي — إناث".
constexpr std::array<std::pair<std::string_view, Text>, 19> kStatisticsParts = {{
    {"present", {"الحاضرون", "présents", "present"}},
    {"admissions", {"الوافدون الجدد", "admissions", "admissions"}},
    {"exits", {"المغادرون", "sorties", "exits"}},
    {"primary", {"الابتدائي", "primaire", "primary"}},
    {"college", {"الإعدادي", "collège", "lower secondary"}},
    {"lycee", {"الثانوي التأهيلي", "lycée", "upper secondary"}},
    {"higher", {"التعليم العالي", "supérieur", "higher education"}},
    {"vocational", {"التكوين المهني", "formation professionnelle", "vocational training"}},
    {"not_in_school", {"غير متمدرس", "non scolarisé", "not in school"}},
    {"age_0_5", {"0–5 سنوات", "0–5 ans", "aged 0–5"}},
    {"age_6_11", {"6–11 سنة", "6–11 ans", "aged 6–11"}},
    {"age_12_17", {"12–17 سنة", "12–17 ans", "aged 12–17"}},
    {"age_18_59", {"18–59 سنة", "18–59 ans", "aged 18–59"}},
    {"age_60_74", {"60–74 سنة", "60–74 ans", "aged 60–74"}},
    {"age_75_plus", {"75 سنة فأكثر", "75 ans et plus", "aged 75 and over"}},
    {"dropout", {"انقطاع عن الدراسة", "abandon", "dropout"}},
    {"graduated", {"إنهاء المسار", "fin de parcours", "graduated"}},
    {"moved", {"انتقال", "transfert", "moved"}},
    {"other", {"سبب آخر", "autre motif", "other reason"}},
}};

const Text* statistics_part(std::string_view name) {
  for (const auto& [part, text] : kStatisticsParts)
    if (part == name) return &text;
  return nullptr;
}

// The label of a count of the monthly statistics; empty when `field` is not one.
std::string statistics_label(std::string_view field, Language language) {
  if (!field.ends_with("_f") && !field.ends_with("_m")) return {};
  const auto head = field.substr(0, field.size() - 2);  // "present_primary", "admissions"
  const auto underscore = head.find('_');
  const auto* kind = statistics_part(head.substr(0, underscore));
  const auto* part = underscore == std::string_view::npos ? nullptr : statistics_part(head.substr(underscore + 1));
  if (!kind || (underscore == std::string_view::npos ? head != "admissions" : !part)) return {};
  const Text sex = field.ends_with("_f") ? Text{"إناث", "féminin", "female"} : Text{"ذكور", "masculin", "male"};
  std::string label(kind->in(language));
  if (part) label += " — " + std::string(part->in(language));
  return label + " — " + std::string(sex.in(language));
}

}  // namespace

std::string_view error_code_name(ErrorCode code) {
  for (const auto& entry : kCodes)
    if (entry.code == code) return entry.name;
  return "error";
}

std::string field_label(std::string_view field, Language language) {
  for (const auto& [name, text] : kFieldLabels)
    if (name == field) return std::string(text.in(language));
  if (auto label = statistics_label(field, language); !label.empty()) return label;
  // An element of a list, "need_ids[2]": the list's label and the element's rank, "(3)".
  if (const auto open = field.find('['); open != std::string_view::npos && field.ends_with(']')) {
    std::size_t index = 0;
    const auto digits = field.substr(open + 1, field.size() - open - 2);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (error == std::errc() && end == digits.data() + digits.size() && !digits.empty())
      return field_label(field.substr(0, open), language) + " (" + std::to_string(index + 1) + ")";
  }
  return std::string(field);
}

std::string choice_label(std::string_view field, std::string_view value, Language language) {
  for (const auto& entry : kChoiceLabels)
    if (entry.field == field && entry.value == value) return std::string(entry.text.in(language));
  return std::string(value);
}

std::string sync_message(std::string_view code, Language language) {
  static constexpr std::array<std::pair<std::string_view, Text>, 3> kSyncTexts = {{
      {"conflict",
       {"عدّل مقيم آخر هذا المعيار في الأثناء: قارنوا جوابكم بجوابه واختاروا.",
        "Un autre évaluateur a modifié ce critère entre-temps : comparez votre réponse à la sienne et choisissez.",
        "Another assessor changed this criterion meanwhile: compare your answer with theirs and choose."}},
      {"status_changed",
       {"تغيرت حالة التقييم في الأثناء (أرسل أو أرجع أو صودق عليه): قارنوا جوابكم بالجواب المحفوظ واختاروا.",
        "L'évaluation a changé d'état entre-temps (soumise, renvoyée ou validée) : comparez votre réponse à celle "
        "enregistrée et choisissez.",
        "The assessment changed state meanwhile (submitted, returned or validated): compare your answer with the "
        "saved one and choose."}},
      {"assessment_unavailable",
       {"هذا التقييم حذف أو لم يعد مسندا إليكم: لم يحفظ أي شيء. احتفظوا بجوابكم وأخبروا قسم العمل الاجتماعي.",
        "Cette évaluation a été supprimée ou ne vous est plus confiée : rien n'a été enregistré. Gardez votre "
        "réponse et prévenez la division.",
        "This assessment was deleted or is no longer assigned to you: nothing was saved. Keep your answer and tell "
        "the division."}},
  }};
  for (const auto& [name, text] : kSyncTexts)
    if (name == code) return std::string(text.in(language));
  return {};
}

std::string import_message(std::string_view code, Language language) {
  static constexpr std::array<std::pair<std::string_view, Text>, 2> kImportTexts = {{
      {"unknown_pupil",
       {"لا يوجد في سجل المؤسسة مستفيد بهذا الرقم أو بهذا الاسم وتاريخ الازدياد: سجلوه أولا.",
        "Aucun bénéficiaire du registre de l'établissement n'a ce numéro, ni ce nom et cette date de naissance : "
        "inscrivez-le d'abord.",
        "No beneficiary in the institution's register has this number, or this name and birth date: register them "
        "first."}},
      {"ambiguous_pupil",
       {"أكثر من مستفيد في سجل المؤسسة بهذا الاسم وتاريخ الازدياد: أضيفوا رقم البطاقة الوطنية أو عقد الازدياد.",
        "Plusieurs bénéficiaires du registre ont ce nom et cette date de naissance : ajoutez le numéro de CIN ou "
        "d'acte de naissance.",
        "Several beneficiaries in the register have this name and birth date: add the identity or birth certificate "
        "number."}},
  }};
  for (const auto& [name, text] : kImportTexts)
    if (name == code) return std::string(text.in(language));
  return {};
}

std::string error_message(const Error& error, Language language) {
  return error_message(error, language, field_label(error.field, language));
}

std::string error_message(const Error& error, Language language, std::string_view label) {
  std::string message;
  for (const auto& entry : kCodes)
    if (entry.code == error.code) message = entry.text.in(language);
  const std::string_view placeholder = "{field}";
  if (auto at = message.find(placeholder); at != std::string::npos) message.replace(at, placeholder.size(), label);
  return message;
}

}  // namespace riaya::domain
