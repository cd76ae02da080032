"""A program's runs and settings; one run: its progress, publishing, discarding, what it changed."""

from __future__ import annotations

from dataclasses import asdict

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView
from mentora.lib.api_responses import reading, writing
from mentora.matching import fairness, selectors, services
from mentora.matching.access import access_matching, access_run
from mentora.matching.api.serializers import (
    ChangesSerializer,
    FairnessSerializer,
    MatchRunSerializer,
    PreviewRequestSerializer,
    PreviewSerializer,
    RunStartSerializer,
    SettingsSerializer,
)
from mentora.matching.models import MatchingSettings, MatchRun
from mentora.matching.previews import weights_preview
from mentora.matching.records import weights_from_mapping
from mentora.matching.recovery import match_runs_recover


class RunListView(ListApiView[MatchRun]):
    serializer_class = MatchRunSerializer

    def get_queryset(self) -> QuerySet[MatchRun]:
        if self.describing_schema:
            return MatchRun.objects.none()
        program = access_matching(user=self.user, program_id=self.kwargs["program_id"]).obj
        match_runs_recover(program=program)
        return selectors.runs_of_program(program=program).select_related("program")

    @extend_schema(
        summary="The program's match runs, newest first (program managers)",
        responses=reading(MatchRunSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Start a match run; settings left out come from the program's saved settings",
        request=RunStartSerializer,
        responses=writing(MatchRunSerializer, status=202),
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = access_matching(user=self.user, program_id=program_id, to="start").obj
        data = self.input(RunStartSerializer)
        run = services.match_run_start(program=program, started_by=self.user, **data)
        return Response(self.output(run, MatchRunSerializer), status=status.HTTP_202_ACCEPTED)


class SettingsView(ApiView[MatchingSettings]):
    serializer_class = SettingsSerializer

    @extend_schema(
        summary="The program's saved weights, mode and top-k",
        responses=reading(SettingsSerializer, forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = access_matching(user=self.user, program_id=program_id).obj
        return Response(self.output(services.matching_settings_for(program), SettingsSerializer))

    @extend_schema(
        summary="Save the program's weights, mode and top-k for its next runs",
        request=SettingsSerializer,
        responses=writing(SettingsSerializer),
    )
    def put(self, request: Request, program_id: int) -> Response:
        program = access_matching(user=self.user, program_id=program_id, to="configure").obj
        data = self.input(SettingsSerializer)
        saved = services.matching_settings_save(program=program, updated_by=self.user, **data)
        return Response(self.output(saved, SettingsSerializer))


class RunDetailView(ApiView[MatchRun]):
    serializer_class = MatchRunSerializer

    @extend_schema(
        summary="A match run: status, progress, metrics",
        responses=reading(MatchRunSerializer, forbidden=True),
    )
    def get(self, request: Request, run_id: int) -> Response:
        run = services.match_run_current(run=access_run(user=self.user, run_id=run_id).obj)
        return Response(self.output(run, MatchRunSerializer))


class RunPublishView(ApiView[MatchRun]):
    serializer_class = MatchRunSerializer

    @extend_schema(
        summary="Publish the draft: every pair becomes a relationship, or none does",
        description=(
            "A draft of 300 pairs or more is published by the background worker: the answer then "
            "says `publishing`; poll the run until it is `published`, or a `draft` again with the "
            "reason in `error`."
        ),
        request=None,
        responses=writing(MatchRunSerializer),
    )
    def post(self, request: Request, run_id: int) -> Response:
        run = access_run(user=self.user, run_id=run_id, to="publish").obj
        published = services.match_run_publish(run=run, published_by=self.user)
        return Response(self.output(published, MatchRunSerializer))


class RunDiscardView(ApiView[MatchRun]):
    serializer_class = MatchRunSerializer

    @extend_schema(
        summary="Discard the draft",
        request=None,
        responses=writing(MatchRunSerializer),
    )
    def post(self, request: Request, run_id: int) -> Response:
        run = access_run(user=self.user, run_id=run_id, to="discard").obj
        discarded = services.match_run_discard(run=run, discarded_by=self.user)
        return Response(self.output(discarded, MatchRunSerializer))


class RunFairnessView(ApiView[MatchRun]):
    serializer_class = FairnessSerializer

    @extend_schema(
        summary="Match rate and mean score by self-identified group (groups of 5 or more)",
        responses=reading(FairnessSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, run_id: int) -> Response:
        tables = fairness.run_fairness(run=access_run(user=self.user, run_id=run_id).obj)
        return Response(FairnessSerializer([asdict(t) for t in tables], many=True).data)


class RunChangesView(ApiView[MatchRun]):
    serializer_class = ChangesSerializer

    @extend_schema(
        summary="Pairs added, removed and changed since the previous draft",
        responses=reading(
            {200: ChangesSerializer, 204: inline_serializer("NoPreviousDraft", fields={})},
            forbidden=True,
        ),
    )
    def get(self, request: Request, run_id: int) -> Response:
        diff = selectors.run_diff(run=access_run(user=self.user, run_id=run_id).obj)
        if diff is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(self.output(asdict(diff), ChangesSerializer))


class RunWeightsPreviewView(ApiView[MatchRun]):
    serializer_class = PreviewSerializer

    @extend_schema(
        summary="How other weights would rescore this draft (nothing is saved)",
        request=PreviewRequestSerializer,
        responses=writing(PreviewSerializer),
        parameters=[OpenApiParameter("run_id", int, OpenApiParameter.PATH)],
    )
    def post(self, request: Request, run_id: int) -> Response:
        run = access_run(user=self.user, run_id=run_id).obj
        weights = services.clean_weights(self.input(PreviewRequestSerializer)["weights"])
        preview = weights_preview(run=run, weights=weights_from_mapping(weights))
        return Response(self.output(asdict(preview), PreviewSerializer))
