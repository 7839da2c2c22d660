#pragma once
// The answers to one Questionnaire: what the kiosk and the clinician screens edit, what the
// scoring reads, and what becomes the FHIR QuestionnaireResponse.
//
// How the kiosk uses it (one question per screen):
//
//   auto q = std::make_shared<const Questionnaire>(load_instrument("ahc-hrsn"));
//   Response r(q);
//   auto steps = r.flow();                       // enabled questions/displays, in display order
//   const Item& it = q->item(steps[i].item);     // it.text.in("es"), it.help.in("es"),
//                                                // it.options[k].label.in("es")
//   r.select_option(steps[i].item, k);           // single choice (replaces the answer)
//   r.toggle_option(steps[i].item, k);           // multi-select; honours "None of the above"
//   r.set(steps[i].item, AnswerValue::of_integer(3));
//   r.decline(steps[i].item);                    // "prefer not to answer"
//   steps = r.flow();                            // enableWhen may have shown or hidden items
//   r.validate();                                // what still blocks "done" (required items)
//   r.wipe();                                    // next patient: every answer gone
//
// A repeating group starts with one instance; add_instance() / remove_instance() change how
// many, and questionnaire() is the form as answered, with the instances' items side by side
// (Questionnaire::add_instance): item indices before the change are remapped by the Reindex
// they return.
//
// Answers to items that are disabled right now are kept (so going back and changing one's
// mind restores them) but ignored everywhere: validation, scoring and export.
// "Not answered yet" and "declined" are different states: a declined item has no answer
// and shows as dataAbsentReason asked-declined in FHIR; an unanswered one as unknown.
//
// [SECTION] Types
// [SECTION] Response
#include "core/screening/instrument_translation.hpp"
#include "core/screening/questionnaire.hpp"
#include "core/screening/translation_provenance.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] Types
//----------------------------------------------------------------------------------------------

enum class AnswerState { Unanswered, Answered, Declined };

// One screen of a one-question-per-screen flow.
struct FlowStep {
    std::size_t item = 0;                 // index into Questionnaire::items()
    std::vector<std::size_t> group_path;  // enclosing groups, outermost first
};

// Something that keeps a response from being complete or valid.
struct ValidationIssue {
    std::string link_id;
    std::string kind;  // "required", "exclusive-conflict"
    std::string message;
};

// A form's FHIRPath expression that could not be evaluated: the item, the expression and why.
// The form stays usable; the item keeps no calculated answer.
struct ExpressionIssue {
    std::string link_id;  // empty for a root variable
    std::string expression;
    std::string message;
};

struct QuestionnaireResponseOptions {
    std::string id;            // QuestionnaireResponse.id, omitted when empty
    std::string authored;      // dateTime, omitted when empty
    std::string subject;       // reference, e.g. "urn:uuid:...", omitted when empty
    std::string status;        // default: "completed" when valid, else "in-progress"
    std::string language;      // QuestionnaireResponse.language; item texts in that language
};

//----------------------------------------------------------------------------------------------
// [SECTION] Response
//----------------------------------------------------------------------------------------------

class Response {
public:
    // A fresh response: no answers but the Questionnaire's initial values.
    explicit Response(std::shared_ptr<const Questionnaire> questionnaire);

    const Questionnaire& questionnaire() const { return *m_q; }
    // The FHIRPath pass of the form's SDC expressions (core/screening/response_expressions.cpp),
    // which may change calculated answers and enabled states. Called through the program's
    // engine (core/screening/fhirpath_in_forms.cpp), so that a program without FHIRPath does not
    // link it.
    void evaluate_expressions(bool initial);
    std::shared_ptr<const Questionnaire> questionnaire_ptr() const { return m_q; }
    // One more language's wording over the form being answered (a language chosen mid-way whose
    // translation had to be fetched): answers, instances and computed options stay as they are.
    void add_translation(const InstrumentTranslation& t);

    // --- answering. Each throws core::Error (kind "answer-type", "answer-not-an-option",
    // "not-a-question", "read-only", "too-many-answers", "unknown-linkid") and changes nothing
    // when the answer does not fit the item.
    void set(std::size_t item, AnswerValue value);               // replaces the answers
    void set_all(std::size_t item, std::vector<AnswerValue> values);
    void select_option(std::size_t item, std::size_t option);    // replaces the answers
    // Multi-select: adds or removes one option. Choosing an exclusive option ("None of the
    // above") clears the others; choosing another clears the exclusive ones.
    void toggle_option(std::size_t item, std::size_t option);
    // What a person typed, read as the item's type (integer, decimal or quantity in the first
    // unit offered, date, time, dateTime, url, else text); throws "answer-type" when it does not
    // read, and changes nothing then.
    void set_typed(std::size_t item, std::string_view text);
    void clear(std::size_t item);    // back to "not answered yet"
    void decline(std::size_t item);  // "prefer not to answer": no answer, state Declined
    // The next patient: every answer and every decline is gone, initial values are back.
    void wipe();
    // The same by linkId (throw "unknown-linkid").
    void set(std::string_view link_id, AnswerValue value);
    void decline(std::string_view link_id);
    std::size_t index_of(std::string_view link_id) const;

    // --- instances of repeating groups. add_instance returns where every item went (the new
    // instance's items are reindex.first .. first + count); throws "not-repeating",
    // "max-occurs". remove_instance throws "last-instance" for the last one.
    bool can_add_instance(std::size_t group) const;
    bool can_remove_instance(std::size_t group) const;
    Questionnaire::Reindex add_instance(std::size_t group);
    Questionnaire::Reindex remove_instance(std::size_t group);
    // The repeating groups (innermost first) whose instance ends with `item` in the flow: where
    // the kiosk and the workspace offer "Add another" and "Remove".
    std::vector<std::size_t> instances_ending_at(std::size_t item) const;

    // --- FHIRPath (SDC): the form's variables, calculatedExpression, enableWhenExpression and
    // initialExpression, evaluated after every change (core/screening/response_expressions.cpp).
    // A launch context (%patient, ...) a form's expressions may read; re-evaluates.
    void set_launch_context(const std::string& name, nlohmann::json resource);
    const std::vector<ExpressionIssue>& expression_issues() const { return m_issues; }

    // --- reading
    // QuestionnaireResponse.authored of an imported response (empty otherwise): when the
    // person answered, which the FHIR output keeps (SDOHCC maps: Observation.effective/issued).
    const std::string& authored() const { return m_authored; }
    // QuestionnaireResponse.subject of an imported response (null otherwise): who answered, a
    // Reference kept as given (reference, display, ...), which the FHIR output keeps too.
    const nlohmann::json& subject() const { return m_subject; }
    bool enabled(std::size_t item) const { return m_enabled[item] != 0; }
    AnswerState state(std::size_t item) const;
    // The stored answers (also of a disabled item); effective_answers() is empty when disabled.
    const std::vector<AnswerValue>& answers(std::size_t item) const { return m_items[item].answers; }
    const std::vector<AnswerValue>& effective_answers(std::size_t item) const;
    bool option_selected(std::size_t item, std::size_t option) const;
    // The enabled questions and displays, in display order, with their groups.
    std::vector<FlowStep> flow() const;
    // Required-item problems (disabled items ignored; a required group is satisfied by any
    // answered or declined question inside it) and exclusive options chosen with others.
    std::vector<ValidationIssue> validate() const;
    bool complete() const { return validate().empty(); }

    // --- FHIR QuestionnaireResponse
    // Beside `language`, where its wording came from (our translation-provenance extension,
    // docs/SCREENING.md) when it is not the form's own: as an imported response recorded it,
    // else as the Questionnaire says.
    nlohmann::json to_fhir(const QuestionnaireResponseOptions& options = {}) const;
    // The linkIds that hold an answer in to_fhir(), in document order, one per instance: what
    // the UI's test surface reports, without the answers themselves.
    std::vector<std::string> answered_link_ids() const;

    // The provenance an imported QuestionnaireResponse recorded (a clinic's certified
    // translation the built-in form does not know of), kept so that writing it back keeps it.
    const std::optional<TranslationProvenance>& recorded_translation() const { return m_recorded_translation; }
    // Reads a QuestionnaireResponse for this Questionnaire (errors: "malformed-response",
    // "unknown-linkid", "answer-type", "answer-not-an-option", "too-many-answers").
    static Response from_fhir(std::shared_ptr<const Questionnaire> q, const nlohmann::json& qr);
    // Reads {"linkId": value}: a code or list of codes for choices, a number, boolean, string,
    // or {"declined": true}. Keys may also be an item's LOINC code.
    static Response from_simple(std::shared_ptr<const Questionnaire> q, const nlohmann::json& answers);
    // Either form, from JSON text (a QuestionnaireResponse if resourceType says so).
    static Response parse(std::shared_ptr<const Questionnaire> q, std::string_view json, std::string_view source);

private:
    struct ItemAnswers {
        std::vector<AnswerValue> answers;
        bool declined = false;
    };

    std::shared_ptr<const Questionnaire> m_form;  // as imported: what wipe() goes back to
    std::shared_ptr<const Questionnaire> m_q;     // as answered: with every instance
    // The layout before the last change, kept until the next one: a screen that holds an Item&
    // from it while an answer changes the layout finishes its frame safely.
    std::shared_ptr<const Questionnaire> m_retired;
    std::vector<ItemAnswers> m_items;
    std::vector<char> m_enabled;
    std::vector<char> m_expression_enabled;  // enableWhenExpression results (1 when none)
    std::vector<ExpressionIssue> m_issues;
    std::optional<TranslationProvenance> m_recorded_translation;
    std::map<std::string, nlohmann::json> m_launch;
    std::string m_authored;
    nlohmann::json m_subject;  // null unless imported

    void apply_initial();
    // A new instance with its initial values, without the enableWhen / FHIRPath pass.
    Questionnaire::Reindex grow(std::size_t group);
    // The answer model follows a change of instances (new items take their initial values).
    void follow(std::shared_ptr<const Questionnaire> layout, const Questionnaire::Reindex& r);
    // The QuestionnaireResponse, and where each item was written (for %context per instance).
    void build_fhir(const QuestionnaireResponseOptions& options, nlohmann::json& out,
                    std::vector<const nlohmann::json*>* where) const;
    // enableWhen, then (for a form with expressions) the FHIRPath pass, which may change
    // calculated answers and enabled states.
    void recompute_enabled();
    void recompute_static_enabled();
    void evaluate_with_engine(bool initial);
    bool store_calculated(std::size_t item, const nlohmann::json& values);
    // answerExpression results as options; true when an item's options changed.
    bool store_answer_options(const std::map<std::size_t, nlohmann::json>& computed);
    bool condition_holds(const EnableWhen& c) const;
    const Item& question(std::size_t item, bool for_change) const;
    // Checks that the value fits the item and returns it normalised (a coding gets the
    // option's system and display).
    AnswerValue checked(std::size_t item, AnswerValue value) const;
};

}  // namespace safetynet::core
