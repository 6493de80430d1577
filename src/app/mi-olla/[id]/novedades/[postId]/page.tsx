import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { deletePostAction, updatePostAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormCheckbox, FormChoices, FormSelect, FormTextarea, SubmitButton, type Option } from "~/components/delegate/form";
import { delegatePage, formKey } from "~/components/delegate/server";
import { aboutLabel } from "~/components/posts/post-list";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { NEED_CATEGORIES } from "~/shared/needs";
import { MAX_POST_TEXT, POST_VISIBILITIES } from "~/shared/posts";
import { UUID } from "~/shared/uuid";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("posts.edit"))("title") };
}

/**
 * Her own post: its text, who sees it, its topics and what it is about, saved against the version
 * she loaded; or deleted after a confirmation (its photos and comments go with it). From her
 * olla's home: "Novedades" (1), "Editar" on her post (2), "Guardar" (3). Someone else's post, or
 * another olla's, is "not found", as the procedures answer. The photos stay as they are (the
 * procedure edits the words and the audience, not the photos); she deletes the post to change them.
 */
export default async function EditPostPage({ params }: { params: Promise<{ id: string; postId: string }> }) {
  const { id, postId } = await params;
  const base = `/mi-olla/${id}/novedades`;
  const { caller, canEdit } = await delegatePage(id, `${base}/${postId}`);
  if (!canEdit || !UUID.test(postId)) notFound();
  let post: Awaited<ReturnType<typeof caller.post.get>>["post"];
  try {
    post = (await caller.post.get({ postId })).post;
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  if (post.ollaId !== id || !post.mine) notFound();
  const targets = await caller.post.linkTargets({ ollaId: id });

  const t = await getTranslations("posts");
  const tn = await getTranslations("needs");
  const tc = await getTranslations("common");
  const f = await getFormatter();
  const locale = await getLocale();
  const about: Option[] = [
    { value: "", label: t("composer.aboutNone") },
    ...targets.needs.map((n) => ({ value: `need:${n.id}`, label: t("edit.aboutNeed", { label: aboutLabel(n.description, locale) }) })),
    ...targets.planItems.map((p) => ({ value: `plan:${p.id}`, label: t("edit.aboutPlan", { label: aboutLabel({ es: p.nameEs, en: p.nameEn }, locale) }) })),
  ];
  const current = post.needId ? `need:${post.needId}` : post.planItemId ? `plan:${post.planItemId}` : "";
  // A need met since, or a module done: still offered, so saving the text does not drop the link.
  if (current && post.about && !about.some((o) => o.value === current)) {
    about.push({ value: current, label: t(post.needId ? "edit.aboutNeed" : "edit.aboutPlan", { label: aboutLabel(post.about.label, locale) }) });
  }
  const when = f.dateTime(post.createdAt, { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("edit.title")}</h1>
      <p className="hint">{t("edit.lead", { date: when })}</p>
      <Card>
        <DelegateForm
          action={updatePostAction}
          procedure="post.update"
          ollaId={id}
          initialKey={formKey()}
          title={t("edit.title")}
          savedMessage={t("edit.saved")}
          doneHref={base}
          testId="post-edit-form"
        >
          <input type="hidden" name="postId" value={post.id} />
          <input type="hidden" name="version" value={post.version} />
          <FormTextarea name="body" label={t("composer.text")} hint={t("edit.textHint", { max: MAX_POST_TEXT })} defaultValue={post.body} rows={5} maxLength={MAX_POST_TEXT} data-summary="" />
          <FormChoices name="visibility" legend={t("composer.visibility")} columns={1} defaultValue={post.visibility} options={POST_VISIBILITIES.map((v) => ({ value: v, label: `${t(`visibility.${v}`)}: ${t(`visibilityHint.${v}`)}` }))} />
          <FormSelect name="about" label={t("composer.about")} options={about} defaultValue={current} />
          <fieldset className="field">
            <legend className="label">{t("edit.categories")}</legend>
            <div className="grid grid-cols-1 gap-x-3 min-[400px]:grid-cols-2">
              {NEED_CATEGORIES.map((c) => (
                <FormCheckbox key={c} name="categories" value={c} label={tn(`category.${c}`)} defaultChecked={post.categories.includes(c)} />
              ))}
            </div>
          </fieldset>
          {post.photos.length > 0 && <p className="hint">{t("edit.photosStay", { count: post.photos.length })}</p>}
          <SubmitButton block pendingLabel={tc("saving")}>
            {t("edit.save")}
          </SubmitButton>
        </DelegateForm>
      </Card>

      <Card as="section" title={t("edit.deleteTitle")}>
        <details data-testid="post-delete">
          <summary className="btn btn-secondary cursor-pointer">{t("edit.delete")}</summary>
          <div className="mt-3 rounded-[var(--radius-control)] bg-stone-50 p-3">
            <DelegateForm
              action={deletePostAction}
              procedure="post.delete"
              ollaId={id}
              initialKey={formKey()}
              title={t("edit.delete")}
              savedMessage={t("edit.deleted")}
              doneHref={base}
              editable={false}
              testId="post-delete-form"
            >
              <p>{t("edit.deleteConfirm", { count: post.photos.length })}</p>
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="what" value={post.body.slice(0, 60)} data-summary="" />
              <SubmitButton variant="danger" pendingLabel={tc("saving")}>
                {t("edit.deleteYes")}
              </SubmitButton>
            </DelegateForm>
          </div>
        </details>
      </Card>

      <ButtonLink href={base} variant="quiet" className="self-start">
        ← {t("pages.ollaTitle")}
      </ButtonLink>
    </div>
  );
}
