"""Editorial roles of the lieux: each lieu's editors change their own page and submit it to the
communication team's review."""

from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from home.demo.permissions import ensure_group

LIEU_EDITORS_GROUP = "Éditeurs — {title}"
WORKFLOW_NAME = "Relecture par la communication"
TASK_NAME = "Validation par la communication"

LIEU_EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
LIEU_EDITOR_MODEL_PERMISSIONS = ("wagtailadmin.access_admin",)
LIEU_EDITOR_COLLECTION_PERMISSIONS = ("wagtailimages.add_image", "wagtailimages.choose_image")


def ensure_lieu_editors(lieu_pages: list[Page]) -> tuple[Group, bool]:
    """Editors of one lieu, in every language it exists in."""
    return ensure_group(
        LIEU_EDITORS_GROUP.format(title=lieu_pages[0].title),
        lieu_pages,
        LIEU_EDITOR_PAGE_PERMISSIONS,
        LIEU_EDITOR_MODEL_PERMISSIONS,
        LIEU_EDITOR_COLLECTION_PERMISSIONS,
    )


def ensure_review_workflow(reviewers: Group, indexes: list[Page]) -> bool:
    """Changes under the lieux indexes go through the communication team's approval."""
    if Workflow.objects.filter(name=WORKFLOW_NAME).exists():
        return False
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([reviewers])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for index in indexes:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return True
