"""Programs: the catalogue of what partner institutions offer, a side-by-side comparison, and a
chart by cost and duration or by what they provide."""

import streamlit as st

from atlas import theme
from atlas.access import PermissionDenied
from atlas.i18n import label
from atlas.programs import (catalogue_table, comparison_table, cost_duration_figure, krw_rates, provides_matrix,
                            save_exchange_rates)
from atlas.ui import frame

context = frame.page()
lang = context.lang
st.title(context.t("programs.title"), anchor=False)
st.caption(" · ".join(p for p in (context.scope, context.t("programs.caption")) if p))

programs = context.filtered("programs/catalogue")
rates = krw_rates(context.query("settings/exchange_rates"))

if programs.empty:
    st.info(context.t("programs.empty"), icon=":material/search_off:")
    st.stop()

# Page-local narrowing: type, what it provides, free text.
with st.container(horizontal=True, vertical_alignment="bottom"):
    types = st.multiselect(context.t("programs.filter.type"), sorted(set(programs["type"])),
                           format_func=lambda v: label("program_type", v, lang), key="programs_types",
                           placeholder=context.t("programs.filter.all"))
    services = sorted({p for value in programs["provides"] for p in list(value)})
    provides = st.multiselect(context.t("programs.filter.provides"), services,
                              format_func=lambda v: label("provides", v, lang), key="programs_provides",
                              placeholder=context.t("programs.filter.all"))
    search = st.text_input(context.t("programs.filter.search"), key="programs_search")

shown = programs
if types:
    shown = shown[shown["type"].isin(types)]
if provides:
    shown = shown[[bool(set(provides) & set(value)) for value in shown["provides"]]]
if search.strip():
    needle = search.strip().casefold()
    haystack = (shown["name"].fillna("") + " " + shown["name_en"].fillna("") + " " + shown["institution_ko"]
                + " " + shown["institution_en"] + " " + shown["eligibility"].fillna(""))
    shown = shown[haystack.str.casefold().str.contains(needle, regex=False)]

st.subheader(context.t("programs.count", count=len(shown)), anchor=False)
if shown.empty:
    st.info(context.t("programs.empty"), icon=":material/search_off:")
else:
    st.dataframe(catalogue_table(shown, lang, rates), hide_index=True, width="stretch",
                 height=min(36 * (len(shown) + 1) + 2, 600))

# Comparison of 2–4 programs.
st.subheader(context.t("programs.compare.title"), anchor=False)
names = {row.program_id: (row.name if lang == "ko" or not row.name_en else row.name_en) +
         f" · {row.institution_ko if lang == 'ko' else row.institution_en}" for row in shown.itertuples()}
chosen = st.multiselect(context.t("programs.compare"), list(names), format_func=names.get, max_selections=4,
                        key="programs_compare", placeholder=context.t("programs.compare.hint"))
if len(chosen) >= 2:
    table, differing = comparison_table(shown, chosen, lang, rates)
    st.caption(context.t("programs.compare.differences", count=len(differing)))
    highlight = f"background-color: {theme.SURFACE}; font-weight: 600; color: {theme.PRIMARY}"
    st.dataframe(
        table.style.apply(lambda row: [highlight if row.name in differing else "" for _ in row], axis=1),
        width="stretch", height=36 * (len(table) + 1) + 2,
    )
else:
    st.caption(context.t("programs.compare.hint"))

# Chart: by cost and duration, or by what they provide.
view = st.segmented_control(context.t("programs.view"), ["cost_duration", "provides"], required=True,
                            default="cost_duration", format_func=lambda v: context.t(f"programs.view.{v}"),
                            key="programs_view")
if view == "provides":
    st.dataframe(provides_matrix(shown, lang), width="stretch")
else:
    figure, unplaced = cost_duration_figure(shown, lang, rates, context.scope)
    st.plotly_chart(figure, width="stretch")
    if unplaced:
        st.caption(context.t("programs.unplaced", count=unplaced))

with st.expander(context.t("programs.rates"), icon=":material/currency_exchange:"):
    st.caption(context.t("programs.rates.help"))
    currencies = sorted({str(c).upper() for c in programs["cost_currency"].dropna()} | {"USD"})
    with st.form("exchange_rates"):
        entered = {code: st.number_input(context.t("programs.rate.label", currency=code), min_value=0.0,
                                         value=float(rates.get(code, 0.0)), step=10.0, key=f"fx_{code}",
                                         disabled=not context.can("edit"))
                   for code in currencies}
        if st.form_submit_button(context.t("programs.rates.save"), key="fx_save", disabled=not context.can("edit")):
            try:
                save_exchange_rates(context.database, entered, context.user)
            except PermissionDenied as denied:
                st.error(context.t(denied.key), icon=":material/block:")
            else:
                st.success(context.t("programs.rates.saved"))
                st.rerun()
    if not context.can("edit"):
        st.caption(context.t("access.read_only"))
