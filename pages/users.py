"""Users (admins only): who may sign in, with which role and which organizations. Writes the
credentials file through atlas.access, which checks again that the acting user is an admin."""

import pandas as pd
import streamlit as st

from atlas import access
from atlas.i18n import label
from atlas.ui import frame

context = frame.page()
lang = context.lang
st.title(context.t("users.title"), anchor=False)
st.caption(context.t("users.roles_help"))
path = access.auth_file()
if not access.sign_in_enabled(path):
    st.info(context.t("users.off"), icon=":material/lock_open:")
else:
    st.caption(context.t("users.file", path=str(path)))
    entries = access.read_config(path)["credentials"]["usernames"]
    table = pd.DataFrame([
        {context.t("users.col.username"): username,
         context.t("users.col.name"): entry.get("first_name") or username,
         context.t("users.col.role"): label("role", access.user_role(entry), lang),
         context.t("users.col.organizations"): ", ".join(entry.get("organizations") or [])
         or context.t("users.all_organizations")}
        for username, entry in entries.items()])
    st.dataframe(table, hide_index=True, width="stretch")

organizations = context.query("filters/organizations")
org_names = organizations["name_ko"].tolist()

with st.form("user_form", clear_on_submit=True):
    st.subheader(context.t("users.add"), anchor=False)
    username = st.text_input(context.t("users.col.username"), max_chars=40)
    name = st.text_input(context.t("users.col.name"), max_chars=60)
    role = st.selectbox(context.t("users.col.role"), access.ROLES, format_func=lambda r: label("role", r, lang))
    chosen = st.multiselect(context.t("users.organizations"), org_names, placeholder=context.t("filters.all"))
    password = st.text_input(context.t("users.password"), type="password")
    if st.form_submit_button(context.t("users.save"), icon=":material/save:"):
        try:
            access.save_user_as(context.user, username.strip(), password=password or None, role=role,
                                name=name.strip(), organizations=chosen, path=path)
            st.success(context.t("users.saved", username=username.strip()))
        except access.PermissionDenied as denied:
            st.error(context.t(denied.key), icon=":material/block:")
        except (ValueError, access.AuthConfigError) as error:
            st.error(context.t("users.error", error=str(error)), icon=":material/error:")

if access.sign_in_enabled(path):
    with st.form("remove_user_form"):
        st.subheader(context.t("users.remove"), anchor=False)
        usernames = list(access.read_config(path)["credentials"]["usernames"])
        victim = st.selectbox(context.t("users.col.username"), usernames)
        if st.form_submit_button(context.t("users.remove_button"), icon=":material/person_remove:"):
            try:
                access.remove_user_as(context.user, victim, path=path)
                st.success(context.t("users.removed", username=victim))
            except access.PermissionDenied as denied:
                st.error(context.t(denied.key), icon=":material/block:")
            except ValueError as error:
                st.error(context.t("users.error", error=str(error)), icon=":material/error:")
